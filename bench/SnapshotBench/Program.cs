using System.Diagnostics;
using System.Globalization;
using System.Text;
using Cutover.Execution;
using Cutover.Planning;
using Cutover.Scripts;
using Cutover.Snapshots;
using Cutover.Testing;
using Npgsql;

// Test databases from snapshots: 8 databases at the head of a migration set, three ways, one run each.
//   cold:  8 x (CREATE DATABASE + replay every migration)
//   warm:  EnsureAsync on a cached template + CloneAsync(8)
//   floor: 8 bare CREATE DATABASE ... TEMPLATE of the same template
// Usage: dotnet run -c Release --project bench/SnapshotBench [-- --migrations 500 --write docs/benchmarks.md]
// With --cli CMD (the native binary, or "dotnet src/Cutover.Cli/bin/Release/net10.0/Cutover.Cli.dll"), the same
// comparison runs through processes instead (CliSnapshotBench), median of --repetitions (5).
const int Databases = 8;
var migrations = 500;
var repetitions = 5;
string? write = null;
string? cli = null;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--migrations") migrations = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (args[i] == "--write") write = args[++i];
    else if (args[i] == "--cli") cli = args[++i];
    else if (args[i] == "--repetitions") repetitions = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else
    {
        Console.Error.WriteLine($"unknown argument {args[i]}: expected --migrations N, --write FILE, --cli CMD, --repetitions N");
        return 2;
    }
}

var folder = Directory.CreateTempSubdirectory("cutover-bench-").FullName;
Generate(folder, migrations);
var sets = new List<(string Label, MigrationSet Scripts)>
{
    ("the Procrastinate corpus", await MigrationSet.LoadAsync(new DirectoryScriptSource(CorpusMigrations()))),
    ($"a generated set of {migrations} migrations", await MigrationSet.LoadAsync(new DirectoryScriptSource(folder))),
};
await using var server = await ThrowawayServer.StartAsync(new ThrowawayServerOptions { ParentDirectory = "/dev/shm" });
await using var maintenance = server.CreateDataSource();
if (cli is not null)
{
    var loadBefore = LoadAverage();
    var cliLines = await CliSnapshotBench.RunAsync(server, maintenance,
        [("the Procrastinate corpus", CorpusMigrations()), ($"a generated set of {migrations} migrations", folder)],
        cli.Split(' ', StringSplitOptions.RemoveEmptyEntries), repetitions);
    cliLines.InsertRange(0,
    [
        "## Test databases through the CLI",
        "",
        $"`bench/SnapshotBench --cli \"{cli}\"`, {DateTime.UtcNow:yyyy-MM-dd}: PostgreSQL {server.MajorVersion} on /dev/shm " +
        $"(throwaway server: fsync off), {Environment.ProcessorCount} CPU cores shared with other work (load average " +
        $"{loadBefore} before, {LoadAverage()} after). Each way makes {Databases} databases at the head of the set and is " +
        "timed as whole processes, start-up included: replays (8 `cutover upgrade --phase all`, one per empty database " +
        "made beforehand, untimed), warm (`cutover ci prepare --clones 8`, template cached) and the floor (one `psql` " +
        "running 8 bare `CREATE DATABASE ... TEMPLATE` of the same template, with the strategy the cache picks). The " +
        "three alternate within each repetition.",
    ]);
    var cliText = string.Join('\n', cliLines) + "\n";
    Console.Write(cliText);
    if (write is not null)
    {
        WriteSection(write, "## Test databases through the CLI", cliText);
    }

    return 0;
}

var lines = new List<string>
{
    "## Test databases from snapshots",
    "",
    $"`bench/SnapshotBench`, one run, {DateTime.UtcNow:yyyy-MM-dd}: PostgreSQL {server.MajorVersion} on /dev/shm " +
    $"(throwaway server: fsync off), {Environment.ProcessorCount} CPU cores shared with other work. {Databases} " +
    "databases at the head of each migration set, three ways: cold (create and replay every migration), warm (a cached " +
    "template and 8 clones), and the floor (8 bare `CREATE DATABASE ... TEMPLATE` of the same template).",
};

for (var set = 0; set < sets.Count; set++)
{
    var (label, scripts) = sets[set];

    // Cold: what a suite pays today.
    var cold = Stopwatch.StartNew();
    for (var i = 0; i < Databases; i++)
    {
        var name = await server.CreateDatabaseAsync($"cold_{set}_{i}");
        await using var dataSource = server.CreateDataSource(name);
        await new Migrator(dataSource, scripts).UpgradeAsync(new UpgradeOptions { Plan = new PlanRequest(PhaseSelection.All) });
    }

    cold.Stop();

    var results = new List<(string Strategy, long Size, TimeSpan Build, TimeSpan Warm, TimeSpan Floor)>();
    foreach (var strategy in new[] { CloneStrategy.FileCopy, CloneStrategy.WalLog })
    {
        var cache = new TemplateDatabaseCache(maintenance, new SnapshotOptions { CloneStrategy = strategy });
        var build = Stopwatch.StartNew();
        var snapshot = await cache.EnsureAsync(scripts, new SnapshotRequest());
        build.Stop();

        // The build leaves its pages dirty in shared buffers; FILE_COPY's checkpoint would write them during the first
        // clone. A cached template is old by the time a later run clones it, so the warm run starts from a checkpoint.
        await using (var checkpoint = maintenance.CreateCommand("CHECKPOINT"))
        {
            await checkpoint.ExecuteNonQueryAsync();
        }

        var warm = Stopwatch.StartNew();
        var hit = await cache.EnsureAsync(scripts, new SnapshotRequest());
        await cache.CloneAsync(hit, Databases);
        warm.Stop();

        var floor = Stopwatch.StartNew();
        await using (var connection = await maintenance.OpenConnectionAsync())
        {
            for (var i = 0; i < Databases; i++)
            {
                var sql = $"CREATE DATABASE floor_{set}_{strategy}_{i} TEMPLATE {snapshot.TemplateName} STRATEGY " +
                    (strategy == CloneStrategy.FileCopy ? "FILE_COPY" : "WAL_LOG");
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync();
            }
        }

        floor.Stop();
        results.Add((strategy.ToString(), snapshot.SizeBytes, build.Elapsed, warm.Elapsed, floor.Elapsed));
        await cache.PruneAsync(0);
    }

    lines.Add("");
    lines.Add($"**{label}** ({scripts.Scripts.Length} migrations, template {results[0].Size / 1024 / 1024} MB):");
    lines.Add("");
    lines.Add("| way | strategy | time for 8 | per database | vs replay | vs floor |");
    lines.Add("|---|---|---:|---:|---:|---:|");
    lines.Add($"| cold: replay every migration | - | {Ms(cold.Elapsed)} | {Ms(cold.Elapsed / Databases)} | 1.0x | - |");
    foreach (var r in results)
    {
        lines.Add($"| first build of the template (once) | {r.Strategy} | {Ms(r.Build)} | - | - | - |");
        lines.Add($"| warm: cached template + 8 clones | {r.Strategy} | {Ms(r.Warm)} | {Ms(r.Warm / Databases)} | " +
            $"{X(cold.Elapsed / r.Warm)} faster | {X(r.Warm / r.Floor)} |");
        lines.Add($"| floor: 8 bare CREATE DATABASE ... TEMPLATE | {r.Strategy} | {Ms(r.Floor)} | {Ms(r.Floor / Databases)} | " +
            $"{X(cold.Elapsed / r.Floor)} faster | 1.0x |");
    }
}

lines.Add("");
lines.Add("Each row is one run on a shared 2-core machine, so timings swing by up to 2x between runs. The bench " +
    "checkpoints after the build, as a template cached by an earlier run would be. WAL_LOG's cost grows with the size, " +
    "FILE_COPY's is a checkpoint: `CloneStrategy.Auto` uses FILE_COPY up to `SnapshotOptions.FileCopyUpToBytes` " +
    "(1 GiB, not measured here).");
var text = string.Join('\n', lines) + "\n";
Console.Write(text);
if (write is not null)
{
    WriteSection(write, "## Test databases from snapshots", text);
}

return 0;

static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

static string X(double x) => x.ToString("0.0", CultureInfo.InvariantCulture) + "x";

static string CorpusMigrations()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "corpus"), Path.Combine(dir.FullName, "..", "shared", "corpus") })
        {
            if (Directory.Exists(candidate))
            {
                return Path.Combine(candidate, "procrastinate", "migrations");
            }
        }
    }

    throw new DirectoryNotFoundException("shared/corpus not found");
}

static void Generate(string folder, int count)
{
    // Releases of 4 migrations: create a table (pre), index it (pre), add a column (pre), drop a column (post).
    var n = 0;
    for (var release = 1; n < count; release++)
    {
        var version = $"{release / 100:00}.{release % 100:00}.00";
        var table = $"bench_{release}";
        var steps = new (int Serial, string Phase, string Sql)[]
        {
            (1, "pre", $"CREATE TABLE {table} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, " +
                "created_at timestamptz NOT NULL DEFAULT now(), spare text);"),
            (2, "pre", $"CREATE INDEX {table}_name ON {table} (name);"),
            (3, "pre", $"ALTER TABLE {table} ADD COLUMN note text;"),
            (50, "post", $"ALTER TABLE {table} DROP COLUMN spare;"),
        };
        foreach (var (serial, phase, sql) in steps)
        {
            if (n++ >= count)
            {
                break;
            }

            File.WriteAllText(Path.Combine(folder, $"{version}_{serial:00}_{phase}_{table}_{serial}.sql"), sql + "\n");
        }
    }
}

static void WriteSection(string path, string heading, string section)
{
    // Keep to this section: replace it when present, append it otherwise.
    var existing = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n";
    var start = existing.IndexOf(heading + "\n", StringComparison.Ordinal);
    var result = new StringBuilder();
    if (start < 0)
    {
        result.Append(existing.TrimEnd('\n')).Append("\n\n").Append(section);
    }
    else
    {
        var end = existing.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
        result.Append(existing[..start]).Append(section);
        if (end >= 0)
        {
            result.Append('\n').Append(existing[(end + 1)..]);
        }
    }

    File.WriteAllText(path, result.ToString());
}
