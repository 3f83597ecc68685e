using System.Collections.Immutable;
using Cutover.Connections;
using Cutover.Execution;
using Cutover.Scripts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cutover.Snapshots;

/// <summary>Runs the blue-green compatibility matrix in one go: the released code's tests against release + pre (the
/// database it sees during the deploy), the new code's tests against the same, and the new code's tests against
/// everything.</summary>
/// <remarks>Each configuration gets a fresh clone of its snapshot (built on first use), reaches it through libpq's
/// <c>PG*</c> variables and <c>CUTOVER_TEST_CONNECTION</c>, and learns what it runs against from
/// <c>CUTOVER_STAGE</c>; the old tests also get <c>CUTOVER_RELEASE</c> (see <c>ReleaseGate</c> in Cutover.Testing).
/// Clones are dropped after each run. Configurations run one after the other, so their output does not interleave.</remarks>
public sealed class CompatibilityCheck
{
    private readonly TemplateDatabaseCache _cache;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>Creates a check that takes its databases from <paramref name="cache"/>.</summary>
    public CompatibilityCheck(
        TemplateDatabaseCache cache, ILogger<CompatibilityCheck>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        _cache = cache;
        _logger = (ILogger?)logger ?? NullLogger<CompatibilityCheck>.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Runs the three configurations, each even when an earlier one failed.</summary>
    /// <exception cref="ScriptExecutionException">A migration failed while building a snapshot.</exception>
    /// <exception cref="SnapshotException">A snapshot could not be built or cloned.</exception>
    /// <exception cref="DatabaseUnavailableException">The server cannot be reached.</exception>
    public async Task<CompatibilityResult> RunAsync(
        MigrationSet scripts, CompatibilityOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var released = options.Released.Text;
        var everything = new SnapshotRequest { JournalTable = options.JournalTable };
        var pre = await _cache.EnsureAsync(scripts, everything with { Stage = SnapshotStage.PreAfter(options.Released) },
            cancellationToken).ConfigureAwait(false);
        var all = await _cache.EnsureAsync(scripts, everything, cancellationToken).ConfigureAwait(false);
        var runs = ImmutableArray.CreateBuilder<CompatibilityRun>(3);
        runs.Add(await RunOneAsync($"old tests @ {released} + pre", options.OldTests, pre, released, options, cancellationToken)
            .ConfigureAwait(false));
        runs.Add(await RunOneAsync($"new tests @ {released} + pre", options.NewTests, pre, null, options, cancellationToken)
            .ConfigureAwait(false));
        runs.Add(await RunOneAsync("new tests @ all", options.NewTests, all, null, options, cancellationToken)
            .ConfigureAwait(false));
        return new CompatibilityResult(runs.MoveToImmutable());
    }

    private async Task<CompatibilityRun> RunOneAsync(
        string configuration, string command, Snapshot snapshot, string? release, CompatibilityOptions options,
        CancellationToken cancellationToken)
    {
        var database = (await _cache.CloneAsync(snapshot, 1, cancellationToken).ConfigureAwait(false))[0];
        try
        {
            var environment = new Dictionary<string, string>(_cache.EnvironmentFor(database), StringComparer.Ordinal)
            {
                ["CUTOVER_STAGE"] = snapshot.Stage.ToString(),
            };
            if (release is not null)
            {
                environment["CUTOVER_RELEASE"] = release;
            }

            var started = _time.GetTimestamp();
            var (exitCode, output) = await TestCommand.RunAsync(command, options.WorkingDirectory, environment,
                cancellationToken).ConfigureAwait(false);
            var elapsed = _time.GetElapsedTime(started);
            SnapshotsLog.CompatibilityRunFinished(_logger, configuration, exitCode, (long)elapsed.TotalMilliseconds);
            return new CompatibilityRun(configuration, command, snapshot.Stage.ToString(), exitCode, elapsed, output);
        }
        finally
        {
            await _cache.DropDatabaseAsync(database, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
