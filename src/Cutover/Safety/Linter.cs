using System.Collections.Immutable;
using System.Diagnostics;
using Cutover.Connections;
using Cutover.Inspection;
using Cutover.Scripts;
using Cutover.Snapshots;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Cutover.Safety;

/// <summary>Lints migration scripts: runs each one statement by statement on a scratch database that holds the
/// scripts before it, watches what it does to the objects that existed before it (locks, rewrites, scans, rows
/// changed, catalog changes), reads what its text says, and reports what would break the previous application version
/// in its phase or block production traffic.</summary>
/// <remarks>
/// <para>The scratch database for the first script linted is a clone of the snapshot of the scripts before it
/// (<see cref="TemplateDatabaseCache"/>), so linting the last script of a long history replays it once per server,
/// not once per lint; from there each script is observed, rolled back, then applied, so that the next one starts
/// from the state it leaves. Nothing is written to any database but scratch ones on the scratch server.</para>
/// <para>Thread-safe: the linter holds no state between calls.</para>
/// </remarks>
public sealed class Linter
{
    private readonly DatabaseServer _server;
    private readonly LintOptions _options;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggerFactory;

    /// <summary>Creates a linter that builds its scratch databases on <paramref name="scratchServer"/> (a throwaway
    /// server, or one given with <c>--scratch</c>), as a role allowed to create databases.</summary>
    /// <param name="scratchServer">Where scratch databases and snapshot templates are made.</param>
    /// <param name="options">Rows seeded, journal table, snapshot settings; defaults when null.</param>
    /// <param name="logger">Logs the scratch database, each script and the summary; nothing when null.</param>
    /// <param name="loggerFactory">Creates the loggers of the snapshot cache; none when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public Linter(
        DatabaseServer scratchServer, LintOptions? options = null, ILogger<Linter>? logger = null,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(scratchServer);
        _server = scratchServer;
        _options = options ?? new LintOptions();
        _options.Validate();
        _logger = (ILogger?)logger ?? NullLogger<Linter>.Instance;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    }

    /// <summary>Lints the scripts of <paramref name="source"/> named in <paramref name="only"/> (every script when
    /// null), each against the state the scripts before it build.</summary>
    /// <param name="source">The migrations.</param>
    /// <param name="only">File names (<c>02.00.00_01_pre_x.sql</c>), script names (without <c>.sql</c>) or paths
    /// whose file name is one of the source's scripts; null for all, empty for none.</param>
    /// <param name="cancellationToken">Cancels the lint; scratch databases are dropped.</param>
    /// <exception cref="ScriptParseException">A script is malformed (bad name, NUL byte, unterminated quote), or a
    /// name in <paramref name="only"/> is not one of the source's scripts.</exception>
    /// <exception cref="Execution.ScriptExecutionException">A script before the first one linted failed while its snapshot
    /// was built.</exception>
    /// <exception cref="DatabaseUnavailableException">The scratch server cannot be reached.</exception>
    public async Task<LintResult> LintAsync(
        IScriptSource source, IReadOnlyCollection<string>? only, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var started = Stopwatch.GetTimestamp();
        var files = await source.ReadMigrationsAsync(cancellationToken).ConfigureAwait(false);

        // Transaction control is a finding here, not a reason to refuse the set: the rest is linted as if it were gone.
        var scripts = MigrationSet.Create(source.Description,
            files.Select(f => f with { Content = WithoutTransactionControl(f.Content) }), null);
        var originals = files.ToDictionary(f => f.FileName, f => f.Content, StringComparer.Ordinal);
        var targets = Select(scripts, only);
        var findings = ImmutableArray.CreateBuilder<LintFinding>();
        if (targets.Count > 0)
        {
            await LintFromAsync(scripts, targets, originals, findings, cancellationToken).ConfigureAwait(false);
        }

        var result = new LintResult([.. targets.Select(i => scripts.Scripts[i].Name.FileName)], findings.ToImmutable(),
            Stopwatch.GetElapsedTime(started));
        SafetyLog.Finished(_logger, targets.Count, result.ErrorCount, result.WarningCount,
            (long)result.Elapsed.TotalMilliseconds);
        return result;
    }

    private async Task LintFromAsync(
        MigrationSet scripts, SortedSet<int> targets, Dictionary<string, string> originals,
        ImmutableArray<LintFinding>.Builder findings, CancellationToken cancellationToken)
    {
        // The walk starts at the first script of the first target's release, so that the phase rules know what the
        // previous release knows, not only what the script before the target left.
        var first = targets.Min;
        while (first > 0 && scripts.Scripts[first - 1].Version == scripts.Scripts[targets.Min].Version)
        {
            first--;
        }

        var scratch = await CreateScratchAsync(scripts, first, cancellationToken).ConfigureAwait(false);
        await using (scratch.ConfigureAwait(false))
        {
            var connection = await DatabaseConnection.OpenAsync(scratch.DataSource, cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var observer = new ScratchObserver(connection, _options, _logger);
                var observing = true;
                var released = CatalogState.Empty;
                for (var i = first; i <= targets.Max; i++)
                {
                    var script = scripts.Scripts[i];
                    if (observing && (i == first || script.Version != scripts.Scripts[i - 1].Version))
                    {
                        released = await observer.ReadCatalogAsync(cancellationToken).ConfigureAwait(false);
                    }

                    var isTarget = targets.Contains(i);
                    var original = originals.GetValueOrDefault(script.Name.FileName, script.Body);
                    var lines = new LineMap(original);
                    var statements = LintStatement.SplitScript(original, lines);
                    var hits = new List<RuleHit>();
                    if (isTarget)
                    {
                        hits.AddRange(statements.SelectMany(s => StaticRules.Check(script, s)));
                    }

                    if (observing)
                    {
                        var runnable = statements.Where(s => Scripts.TransactionControl.Find(s.Text) is null).ToImmutableArray();
                        var (observation, failure) = await observer.RunAsync(script, runnable, isTarget, cancellationToken)
                            .ConfigureAwait(false);
                        if (observation is not null)
                        {
                            hits.AddRange(ObservedRules.Check(script, observation, released));
                            SafetyLog.ScriptObserved(_logger, script.Name.FileName, runnable.Length, hits.Count);
                        }

                        if (failure is not null)
                        {
                            observing = false;
                            SafetyLog.ObservationStopped(_logger, script.Name.FileName, failure);
                            if (isTarget && observation?.Failure is null)
                            {
                                hits.Add(new RuleHit(LintRules.StatementFails, LintSeverity.Error, statements[0],
                                    "the script fails when applied after the scripts before it: " + failure));
                            }
                        }
                    }

                    if (isTarget)
                    {
                        findings.AddRange(FindingsOf(script, original, lines, statements, hits));
                    }
                }
            }
        }
    }

    private static IEnumerable<LintFinding> FindingsOf(
        MigrationScript script, string body, LineMap lines, ImmutableArray<LintStatement> statements, List<RuleHit> hits)
    {
        var byStatement = hits.GroupBy(h => h.Statement.Index).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var statement in statements)
        {
            var used = new HashSet<string>(StringComparer.Ordinal);
            var seen = new HashSet<(string, string)>();
            var statementHits = (byStatement.GetValueOrDefault(statement.Index) ?? [])
                .OrderBy(h => h.Rule.Id, StringComparer.Ordinal).ThenBy(h => h.Message, StringComparer.Ordinal);
            foreach (var hit in statementHits)
            {
                if (statement.Allows.Any(a => a.RuleId == hit.Rule.Id))
                {
                    used.Add(hit.Rule.Id);
                    continue;
                }

                if (seen.Add((hit.Rule.Id, hit.Message)))
                {
                    yield return Finding(script, body, lines, hit.Rule, hit.Severity, statement.Offset, statement.Text,
                        hit.Message);
                }
            }

            foreach (var allow in statement.Allows.Where(a => !used.Contains(a.RuleId)))
            {
                var message = LintRules.Find(allow.RuleId) is null
                    ? $"-- cutover:allow {allow.RuleId}: no such rule"
                    : $"-- cutover:allow {allow.RuleId}: the rule did not fire on the statement after it";
                yield return Finding(script, body, lines, LintRules.UnusedAllow, LintSeverity.Warning, allow.Offset,
                    statement.Text, message);
            }
        }
    }

    private static LintFinding Finding(
        MigrationScript script, string body, LineMap lines, LintRule rule, LintSeverity severity, int offset,
        string statement, string message)
    {
        var (line, column) = lines.Locate(offset);
        var lineStart = offset - (column - 1);
        var lineEnd = body.IndexOf('\n', lineStart);
        var sourceLine = body[lineStart..(lineEnd < 0 ? body.Length : lineEnd)].TrimEnd('\r');
        return new LintFinding(rule.Id, severity, script.Name.FileName, script.Phase, script.Location, line, column,
            sourceLine, statement, message, rule.SafeAlternative);
    }

    private async Task<ScratchDatabase> CreateScratchAsync(MigrationSet scripts, int before, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        ScratchDatabase scratch;
        if (before == 0)
        {
            scratch = await new ScratchDatabases(_server).CreateAsync("lint", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var maintenance = _server.CreateDataSource(_server.Database);
            await using (maintenance.ConfigureAwait(false))
            {
                var cache = new TemplateDatabaseCache(maintenance, _server, _options.Snapshots,
                    _loggerFactory.CreateLogger<TemplateDatabaseCache>(), loggerFactory: _loggerFactory);
                var prefix = MigrationSet.Create(scripts.Description,
                    scripts.Scripts.Take(before).Select(s => new ScriptFile(s.Name.FileName, s.Location, s.Body)), null);
                var snapshot = await cache.EnsureAsync(prefix, new SnapshotRequest { JournalTable = _options.JournalTable },
                    cancellationToken).ConfigureAwait(false);
                var name = (await cache.CloneAsync(snapshot, 1, cancellationToken).ConfigureAwait(false))[0];
                scratch = new ScratchDatabase(name, _server.CreateDataSource(name), DropCloneAsync);
            }
        }

        var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        SafetyLog.ScratchReady(_logger, scratch.Name, before, scripts.Scripts[before].Name.FileName, elapsedMs);
        return scratch;
    }

    private async Task DropCloneAsync(string name, CancellationToken cancellationToken)
    {
        var maintenance = _server.CreateDataSource(_server.Database);
        await using (maintenance.ConfigureAwait(false))
        {
            await new TemplateDatabaseCache(maintenance, _server, _options.Snapshots)
                .DropDatabaseAsync(name, cancellationToken).ConfigureAwait(false);
        }
    }

    private static SortedSet<int> Select(MigrationSet scripts, IReadOnlyCollection<string>? only)
    {
        var targets = new SortedSet<int>();
        if (only is null)
        {
            targets.UnionWith(Enumerable.Range(0, scripts.Scripts.Length));
            return targets;
        }

        var problems = new List<ScriptProblem>();
        foreach (var wanted in only)
        {
            var fileName = Path.GetFileName(wanted);
            var index = scripts.Scripts.IndexOf(scripts.Scripts.FirstOrDefault(s =>
                s.Name.FileName == fileName || s.Name.Name == fileName)!);
            if (index < 0)
            {
                problems.Add(new ScriptProblem(wanted, null, null, "not a migration of " + scripts.Description));
            }
            else
            {
                targets.Add(index);
            }
        }

        return problems.Count > 0 ? throw new ScriptParseException(problems) : targets;
    }

    // Blanks each transaction-control statement with spaces, so that offsets, lines and columns stay those of the file.
    private static string WithoutTransactionControl(string body)
    {
        var statements = StatementSplitter.Split(body);
        var blanked = body.ToCharArray();
        var changed = false;
        foreach (var statement in statements)
        {
            if (Scripts.TransactionControl.Find(statement.TextIn(body)) is not null)
            {
                for (var i = statement.Offset; i < statement.End; i++)
                {
                    if (blanked[i] is not ('\n' or '\r'))
                    {
                        blanked[i] = ' ';
                    }
                }

                changed = true;
            }
        }

        return changed ? new string(blanked) : body;
    }
}
