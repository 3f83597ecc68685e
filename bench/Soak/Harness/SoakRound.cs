using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cutover.Testing;
using Npgsql;

namespace Cutover.Soak;

/// <summary>One soak round on a fresh database: N <c>cutover upgrade --phase all</c> at once over a fresh mixed
/// folder, SIGKILL for a random few at a random point, the recovery docs/cli.md describes, then the invariants.</summary>
/// <remarks>The kill point is a condition on the database, never a timer: either while a concurrent index build runs
/// (its deployer is among the victims) or once the journal holds a random number of rows. Deployers connect through
/// <paramref name="bouncer"/> when given; the soak itself observes and checks over a direct connection.</remarks>
internal sealed partial class SoakRound(ThrowawayServer server, ThrowawayPgBouncer? bouncer, SoakSettings settings)
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(20);

    public async Task<SoakRoundResult> RunAsync(int round, Random random, TextWriter log, CancellationToken cancellationToken)
    {
        var database = await server.CreateDatabaseAsync(cancellationToken: cancellationToken);
        try
        {
            return await RunAsync(round, database, random, log, cancellationToken);
        }
        finally
        {
            await server.DropDatabaseAsync(database, CancellationToken.None);
        }
    }

    private async Task<SoakRoundResult> RunAsync(
        int round, string database, Random random, TextWriter log, CancellationToken cancellationToken)
    {
        var migrations = Path.Combine(settings.WorkDirectory, $"round-{round:000}", "migrations");
        var scripts = SoakFolder.Write(migrations, random, settings);
        var target = bouncer?.ConnectionString(database) ?? server.ConnectionString(database);
        await using var direct = server.CreateDataSource(database);
        var problems = new List<string>();

        var deployers = Enumerable.Range(1, settings.Deployers)
            .Select(i => $"soak-r{round}-d{i}")
            .Select(label => CutoverProcess.Start(label, settings.Cutover, Upgrade(migrations, target, label)))
            .ToList();
        try
        {
            var builds = scripts.Where(s => s.Index is not null).ToList();
            var plan = random.Next(3) == 0
                ? new KillPlan(KillPoint.JournalRows, random.Next(1, scripts.Count), null, random.Next(2) == 0)
                : new KillPlan(KillPoint.IndexBuild, 0, builds[random.Next(builds.Count)].Index, true);
            var (fired, runners) = await WaitForKillPointAsync(direct, database, plan, deployers, cancellationToken);
            var kills = 0;
            if (fired)
            {
                // The deployer at work (building the index, or holding the deploy lock) dies when the plan says so, a
                // random few waiting ones with it.
                var alive = deployers.Where(d => !d.HasExited).ToList();
                var victims = plan.KillWorker ? alive.Where(d => runners.Contains(d.Label)).ToHashSet() : [];
                var extra = random.Next(victims.Count > 0 ? 0 : 1, Math.Max(2, settings.Deployers / 2));
                foreach (var deployer in alive.Where(d => !victims.Contains(d)).OrderBy(_ => random.Next()).Take(extra))
                {
                    victims.Add(deployer);
                }

                kills = victims.Count(v => v.Kill());
            }

            await Task.WhenAll(deployers.Select(d => d.WaitAsync(settings.Deadline, cancellationToken)));
            var outcomes = new List<string>();
            foreach (var deployer in deployers)
            {
                var error = await deployer.ErrorAsync();
                var outcome = Outcome(deployer, error);
                outcomes.Add(outcome);
                if (!IsExpected(outcome))
                {
                    problems.Add($"{deployer.Label} {outcome}: {FirstLine(error)}");
                }
            }

            var recovery = await RecoverAsync(direct, database, migrations, target, problems, cancellationToken);
            var check = await CheckAsync(direct, scripts, cancellationToken);
            problems.AddRange(check.Problems);
            var result = new SoakRoundResult
            {
                Round = round,
                Deployers = deployers.Count,
                Kills = kills,
                Outcomes = outcomes,
                InterruptedFound = recovery.Interrupted,
                InvalidIndexesDropped = recovery.Dropped,
                NoTransactionReruns = check.Reruns,
                AppliedTwice = check.Twice,
                Lost = check.Lost,
                InvalidIndexes = check.Invalid,
                FailedDeployers = outcomes.Count(o => !IsExpected(o) && o != "hung"),
                HungDeployers = outcomes.Count(o => o == "hung"),
                LocksLeftHeld = recovery.LocksLeftHeld,
                RecoveryFailed = recovery.Failed,
                Problems = problems,
            };
            await log.WriteLineAsync(
                $"round {round}: {scripts.Count} scripts, kill {plan}{(fired ? "" : " (never reached)")}, " +
                $"{kills} killed; exits {string.Join(", ", outcomes.GroupBy(o => o).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} x{g.Count()}"))}; " +
                $"recovery: {recovery.Interrupted} interrupted, {recovery.Dropped} invalid index(es) dropped" +
                $"{(recovery.Repaired ? ", repair" : "")}, upgrade {(recovery.Failed ? "FAILED" : "ok")}; " +
                (result.Holds ? "invariants hold" : "BROKEN: " + string.Join(" | ", problems)));
            return result;
        }
        finally
        {
            foreach (var deployer in deployers)
            {
                deployer.Dispose();
            }
        }
    }

    private IEnumerable<string> Upgrade(string migrations, string target, string label) =>
    [
        "upgrade", "--phase", "all", "--dir", migrations, "-c", WithApplicationName(target, label),
        "--lock-wait", Seconds(settings.LockWait),
    ];

    private static string WithApplicationName(string connection, string label) =>
        new NpgsqlConnectionStringBuilder(connection) { ApplicationName = label }.ConnectionString;

    private static string Seconds(TimeSpan value) =>
        ((int)Math.Ceiling(value.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s";

    /// <summary>Polls the database until the kill point is reached (true, with the application names of the
    /// deployers at work there) or every deployer has exited (false).</summary>
    private static async Task<(bool Fired, HashSet<string> Runners)> WaitForKillPointAsync(
        NpgsqlDataSource direct, string database, KillPlan plan, List<CutoverProcess> deployers,
        CancellationToken cancellationToken)
    {
        while (!deployers.All(d => d.HasExited))
        {
            if (plan.Point == KillPoint.IndexBuild)
            {
                var runners = await ConcurrentBuildersAsync(direct, database, plan.Index!, cancellationToken);
                if (runners.Count > 0)
                {
                    return (true, runners);
                }
            }
            else if (await SucceededRowsAsync(direct, cancellationToken) >= plan.Rows)
            {
                return (true, await LockHoldersAsync(direct, database, cancellationToken));
            }

            await Task.Delay(s_poll, cancellationToken);
        }

        return (false, []);
    }

    /// <summary>The deployers running <c>CREATE INDEX CONCURRENTLY</c> or <c>REINDEX ... CONCURRENTLY</c> of
    /// <paramref name="index"/> right now.</summary>
    private static Task<HashSet<string>> ConcurrentBuildersAsync(
        NpgsqlDataSource direct, string database, string index, CancellationToken cancellationToken) =>
        ApplicationNamesAsync(direct,
            "SELECT application_name FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND " +
            "pid <> pg_backend_pid() AND query ~* '^\\s*(create\\s+index\\s+concurrently|reindex\\s.*concurrently)' " +
            "AND strpos(query, $2) > 0", [database, index], cancellationToken);

    /// <summary>The deployers whose session holds an advisory lock (the deploy lock) in the database.</summary>
    private static Task<HashSet<string>> LockHoldersAsync(
        NpgsqlDataSource direct, string database, CancellationToken cancellationToken) =>
        ApplicationNamesAsync(direct,
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid " +
            "WHERE l.locktype = 'advisory' AND l.granted AND a.datname = $1", [database], cancellationToken);

    private static async Task<HashSet<string>> ApplicationNamesAsync(
        NpgsqlDataSource direct, string sql, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        await using var command = direct.CreateCommand(sql);
        foreach (var argument in arguments)
        {
            command.Parameters.Add(new() { Value = argument });
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task<long> SucceededRowsAsync(NpgsqlDataSource direct, CancellationToken cancellationToken)
    {
        await using var command = direct.CreateCommand(
            "SELECT count(*) FROM public.cutover_migrations WHERE state = 'succeeded'");
        try
        {
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0; // No deployer has created the journal yet.
        }
    }

    /// <summary>The recovery docs/cli.md describes: once every session of the dead deployers has ended, <c>cutover
    /// status</c>; if it shows an interrupted or failed no-transaction script, <c>cutover repair</c> (which also drops
    /// the INVALID indexes an interrupted concurrent build leaves); then <c>cutover upgrade --phase all</c>. Nothing is
    /// fixed by hand.</summary>
    private async Task<Recovery> RecoverAsync(
        NpgsqlDataSource direct, string database, string migrations, string target, List<string> problems,
        CancellationToken cancellationToken)
    {
        var locksLeft = await WaitUntilQuietAsync(direct, database, cancellationToken);
        if (locksLeft > 0)
        {
            problems.Add($"{locksLeft} advisory lock(s) still held after every deployer exited");
        }

        string[] common = ["--dir", migrations, "-c", target, "--lock-wait", Seconds(settings.LockWait)];
        var status = await CutoverProcess.RunAsync(settings.Cutover, ["status", "--json", .. common], cancellationToken);
        if (status.ExitCode != 0)
        {
            problems.Add($"status exited {status.ExitCode}: {FirstLine(status.Error)}");
            return new Recovery(0, 0, false, true, locksLeft);
        }

        var interrupted = CountLeftBehind(status.Output);
        var dropped = 0;
        var repaired = false;
        if (interrupted > 0)
        {
            var repair = await CutoverProcess.RunAsync(settings.Cutover, ["repair", "--json", .. common], cancellationToken);
            if (repair.ExitCode != 0)
            {
                problems.Add($"repair exited {repair.ExitCode}: {FirstLine(repair.Error)}");
                return new Recovery(interrupted, dropped, false, true, locksLeft);
            }

            using (var result = JsonDocument.Parse(repair.Output))
            {
                dropped = result.RootElement.GetProperty("droppedIndexes").GetArrayLength();
            }

            repaired = true;
        }

        var upgrade = await CutoverProcess.RunAsync(
            settings.Cutover, ["upgrade", "--phase", "all", .. common], cancellationToken);
        if (upgrade.ExitCode != 0)
        {
            problems.Add($"recovery upgrade exited {upgrade.ExitCode}: {FirstLine(upgrade.Error)}");
        }

        return new Recovery(interrupted, dropped, repaired, upgrade.ExitCode != 0, locksLeft);
    }

    /// <summary>Waits until no session in the database runs a statement (a killed deployer's backend ends once the
    /// server notices its client is gone), then returns how many advisory locks are still held there.</summary>
    private async Task<int> WaitUntilQuietAsync(
        NpgsqlDataSource direct, string database, CancellationToken cancellationToken)
    {
        await using var command = direct.CreateCommand(
            "SELECT (SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() " +
            "AND backend_type = 'client backend' AND state <> 'idle'), " +
            "(SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted " +
            "AND database = (SELECT oid FROM pg_database WHERE datname = $1))");
        command.Parameters.Add(new() { Value = database });
        var started = DateTime.UtcNow;
        while (true)
        {
            long active, locks;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                await reader.ReadAsync(cancellationToken);
                (active, locks) = (reader.GetInt64(0), reader.GetInt64(1));
            }

            if ((active == 0 && locks == 0) || DateTime.UtcNow - started > settings.Deadline / 4)
            {
                return (int)locks;
            }

            await Task.Delay(s_poll * 5, cancellationToken);
        }
    }

    private static int CountLeftBehind(string statusJson)
    {
        using var document = JsonDocument.Parse(statusJson);
        return document.RootElement.GetProperty("scripts").EnumerateArray()
            .Select(s => s.GetProperty("state").GetString())
            .Count(s => s is "Interrupted" or "Failed" or "Running");
    }

    private static async Task<Check> CheckAsync(
        NpgsqlDataSource direct, IReadOnlyList<SoakScript> scripts, CancellationToken cancellationToken)
    {
        var journal = await CountsAsync(direct,
            "SELECT name, count(*) FILTER (WHERE state = 'succeeded'), count(*) FROM public.cutover_migrations GROUP BY name",
            cancellationToken);
        var markers = await CountsAsync(direct, "SELECT script, count(*), 0 FROM soak_markers GROUP BY script", cancellationToken);
        var indexes = await CountsAsync(direct,
            "SELECT c.relname, count(*) FILTER (WHERE i.indisvalid), count(*) FROM pg_index i " +
            "JOIN pg_class c ON c.oid = i.indexrelid GROUP BY c.relname", cancellationToken);
        var runs = await CountsAsync(direct, "SELECT script, count(*), 0 FROM soak_index_runs GROUP BY script", cancellationToken);

        var problems = new List<string>();
        int twice = 0, lost = 0;
        foreach (var script in scripts)
        {
            var (succeeded, recorded) = journal.GetValueOrDefault(script.Name);
            var marked = markers.GetValueOrDefault(script.Name).First;
            if (recorded > 1 || marked > 1)
            {
                twice++;
                problems.Add($"{script.Name} applied twice: {recorded} journal row(s), {marked} marker row(s)");
            }

            var effect = script.HasMarker ? marked > 0 : script.Index is { } index && indexes.GetValueOrDefault(index).First > 0;
            if (succeeded != 1 || !effect)
            {
                lost++;
                problems.Add($"{script.Name} lost: {succeeded} succeeded journal row(s), effect {(effect ? "present" : "missing")}");
            }
        }

        var invalid = indexes.Sum(i => i.Value.Second - i.Value.First);
        if (invalid > 0)
        {
            problems.Add($"{invalid} INVALID index(es): " +
                string.Join(", ", indexes.Where(i => i.Value.Second > i.Value.First).Select(i => i.Key)));
        }

        var noTransaction = scripts.Count(s => !s.HasMarker);
        return new Check(twice, lost, (int)invalid, (int)Math.Max(0, runs.Sum(r => r.Value.First) - noTransaction), problems);
    }

    /// <summary>Runs a query of (text, bigint, bigint) rows into a map; empty when its table does not exist.</summary>
    private static async Task<Dictionary<string, (long First, long Second)>> CountsAsync(
        NpgsqlDataSource direct, string sql, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        await using var command = direct.CreateCommand(sql);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                counts[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2));
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
        }

        return counts;
    }

    /// <summary>What a deployer's end says: its exit code, and for exit 1 whether it was a refusal (expected after an
    /// interrupted script) or an error with its SQLSTATE.</summary>
    private static string Outcome(CutoverProcess deployer, string error) =>
        deployer.Hung ? "hung"
        : deployer.Killed ? "killed"
        : deployer.ExitCode switch
        {
            0 => "0",
            1 when error.Contains("refused", StringComparison.Ordinal) => "1 refused",
            1 when SqlState().Match(error) is { Success: true } match => "1 " + match.Groups[1].Value,
            1 => "1 other",
            var code => code.ToString(CultureInfo.InvariantCulture),
        };

    private static bool IsExpected(string outcome) => outcome is "0" or "1 refused" or "killed";

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault() ?? "(no output)";
        return line.Length > 300 ? line[..300] + "..." : line;
    }

    // A SQLSTATE as Cutover prints it ("file:3:1: 42P07: relation ... already exists") or Npgsql does ("40P01: ...").
    [GeneratedRegex(@"(?<![0-9A-Za-z])((?=[A-Z]*[0-9])[0-9A-Z]{5}): ")]
    private static partial Regex SqlState();

    private enum KillPoint
    {
        IndexBuild,
        JournalRows,
    }

    /// <summary>When the kills come: while <see cref="Index"/> is being built, or once the journal holds
    /// <see cref="Rows"/> succeeded rows; and whether the deployer at work there is among the victims.</summary>
    private sealed record KillPlan(KillPoint Point, int Rows, string? Index, bool KillWorker)
    {
        public override string ToString() =>
            (Point == KillPoint.IndexBuild ? $"during the build of {Index}" : $"at {Rows} journal row(s)") +
            (KillWorker ? " (worker included)" : "");
    }

    private sealed record Recovery(int Interrupted, int Dropped, bool Repaired, bool Failed, int LocksLeftHeld);

    private sealed record Check(int Twice, int Lost, int Invalid, int Reruns, List<string> Problems);
}
