using System.Collections.Immutable;
using Cutover.Scripts;
using Cutover.Planning;
using Npgsql;

namespace Cutover.Fleet;

public sealed partial class FleetRunner
{
    // Versions as versions (1.10 after 1.9); none before any.
    private static readonly Comparer<string?> s_versionOrder = Comparer<string?>.Create((a, b) =>
        (ScriptVersion.TryParse(a, out var x), ScriptVersion.TryParse(b, out var y)) switch
        {
            (true, true) => x.CompareTo(y),
            (true, false) => 1,
            (false, true) => -1,
            _ => string.CompareOrdinal(a, b),
        });

    /// <summary>Reads every target's journal, <see cref="FleetOptions.Parallel"/> at a time, and the ledger's last
    /// word on each: <c>cutover fleet status</c>. Read-only; a target that cannot be read is reported, not
    /// thrown.</summary>
    /// <exception cref="FleetFileException">The file's connections or queries are bad.</exception>
    /// <exception cref="Connections.DatabaseUnavailableException">A query's server cannot be reached.</exception>
    public async Task<FleetStatusResult> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        var (targets, control) = await ExpandAsync(cancellationToken).ConfigureAwait(false);
        await using (control.ConfigureAwait(false))
        {
            var lastRun = await ReadLastRunAsync(control, cancellationToken).ConfigureAwait(false);
            var statuses = new FleetTargetStatus[targets.Length];
            await Parallel.ForEachAsync(Enumerable.Range(0, targets.Length),
                new ParallelOptions { MaxDegreeOfParallelism = _options.Parallel, CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    var target = targets[i];
                    var dataSource = _pools.Rent(target.Settings);
                    try
                    {
                        statuses[i] = await StatusOfAsync(target, dataSource, lastRun, ct).ConfigureAwait(false);
                    }
                    finally
                    {
                        await _pools.ReturnAsync(target.Settings).ConfigureAwait(false);
                    }
                }).ConfigureAwait(false);

            var matrix = statuses
                .GroupBy(s => (s.Version, s.Stage))
                .Select(g => new FleetStatusGroup(g.Key.Version, g.Key.Stage, g.Count()))
                .OrderByDescending(g => g.Version, s_versionOrder)
                .ThenBy(g => g.Stage)
                .ToImmutableArray();
            return new FleetStatusResult([.. statuses], matrix, _time.GetElapsedTime(started));
        }
    }

    private async Task<FleetTargetStatus> StatusOfAsync(
        FleetTarget target, NpgsqlDataSource dataSource, Dictionary<string, (FleetTargetState State, string? Error)> lastRun,
        CancellationToken cancellationToken)
    {
        try
        {
            var status = await MigratorFor(target, dataSource).GetStatusAsync(cancellationToken).ConfigureAwait(false);
            var brokenScript = status.Scripts.FirstOrDefault(s => s.State is ScriptState.Failed or ScriptState.Interrupted);
            var (stage, error) = (brokenScript, lastRun.GetValueOrDefault(target.Name)) switch
            {
                ({ } broken, _) => (FleetTargetStage.Failed, $"{broken.Name} is {broken.State.ToString().ToLowerInvariant()}: run cutover repair"),
                (_, (FleetTargetState.Failed, var lastError)) => (FleetTargetStage.Failed, lastError),
                _ when !status.NextPre.Steps.IsEmpty => (FleetTargetStage.PrePending, null),
                _ when !status.NextPost.Steps.IsEmpty => (FleetTargetStage.PostPending, null),
                _ => (FleetTargetStage.Current, null),
            };
            return new FleetTargetStatus(target.Name, target.Kind, status.CurrentVersion, stage,
                status.NextPre.Steps.Length, status.Scripts.Count(s => s.State == ScriptState.Pending && s.Phase == Phase.Post),
                !status.Drift.IsEmpty, error);
        }
        catch (Exception e) when (e is CutoverException or NpgsqlException or TimeoutException)
        {
            return new FleetTargetStatus(target.Name, target.Kind, null, FleetTargetStage.Unreachable, 0, 0, false,
                e.Message.ReplaceLineEndings(" ").Trim());
        }
    }

    /// <summary>The last ledger state of each target over all runs; empty when there is no ledger yet.</summary>
    private static async Task<Dictionary<string, (FleetTargetState State, string? Error)>> ReadLastRunAsync(
        NpgsqlDataSource control, CancellationToken cancellationToken)
    {
        var ledger = new FleetLedger(control);
        var connection = await ledger.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var exists = new NpgsqlCommand("SELECT to_regclass('cutover_fleet.targets') IS NOT NULL", connection);
            await using (exists.ConfigureAwait(false))
            {
                if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
                {
                    return [];
                }
            }
        }

        return await ledger.ReadLatestAsync(cancellationToken).ConfigureAwait(false);
    }
}
