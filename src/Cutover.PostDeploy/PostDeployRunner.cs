using System.Collections.Immutable;
using Cutover.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Cutover.PostDeploy;

/// <summary>The operations of <c>cutover deploy</c>: run (auto, all, one, once, retry failed), skip, reset, pause,
/// resume, cancel, and report.</summary>
/// <remarks>Any number of runners (processes or nodes) may work on one journal at once: each action runs once. An
/// action id named by an operation must be declared in the loaded assemblies, except that state changes also reach
/// journal rows of actions no longer declared.</remarks>
public sealed class PostDeployRunner
{
    private readonly PostDeployExecutor _executor;
    private readonly IPostDeployScheduler _scheduler;
    private readonly PostDeployPlanner _planner;
    private readonly ILogger _logger;

    /// <summary>Creates a runner.</summary>
    /// <param name="executor">Runs single actions and knows the journal.</param>
    /// <param name="scheduler">Where actions run; inline (<see cref="InProcessPostDeployScheduler"/>) when null.</param>
    /// <param name="logger">Logs requests and state changes.</param>
    public PostDeployRunner(
        PostDeployExecutor executor, IPostDeployScheduler? scheduler = null, ILogger<PostDeployRunner>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(executor);
        _executor = executor;
        _scheduler = scheduler ?? new InProcessPostDeployScheduler(executor);
        _logger = logger ?? NullLogger<PostDeployRunner>.Instance;
        _planner = new PostDeployPlanner(executor, _logger);
    }

    /// <summary>The declared actions.</summary>
    public PostDeployCatalog Catalog => _executor.Catalog;

    /// <summary>Requests the actions <paramref name="request"/> selects and runs them through the scheduler; with a
    /// scheduler that runs them elsewhere, waits for their final states unless told not to.</summary>
    /// <param name="request">What to run.</param>
    /// <param name="progress">Progress of actions run in this process, for a live progress line.</param>
    /// <param name="cancellationToken">Stops the deploy; a running action hands its claim back.</param>
    /// <returns>One outcome per action and tenant; <see cref="PostDeployRunResult.HasFailures"/> means exit 1.</returns>
    /// <exception cref="PostDeployActionNotFoundException">The named action is not declared.</exception>
    /// <exception cref="PostDeployDefinitionException">The request is inconsistent or names an unknown tenant.</exception>
    public async Task<PostDeployRunResult> DeployAsync(
        PostDeployRequest request, IProgress<PostDeployProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var items = await _planner.RequestAsync(request, cancellationToken).ConfigureAwait(false);
        var outcomes = await _scheduler.ScheduleAsync(items, progress, cancellationToken).ConfigureAwait(false);
        if (request.WaitForCompletion && outcomes.Any(o => o.Kind == PostDeployOutcomeKind.Queued))
        {
            outcomes = await WaitForQueuedAsync(outcomes, cancellationToken).ConfigureAwait(false);
        }

        return new PostDeployRunResult(outcomes);
    }

    /// <summary>Reads every action's state for <c>--report</c>: journal rows, plus declared actions the journal has
    /// not seen yet (as pending, for the untenanted run).</summary>
    public async Task<ImmutableArray<PostDeployReportRow>> ReportAsync(CancellationToken cancellationToken = default)
    {
        await _executor.EnsureJournalAsync(cancellationToken).ConfigureAwait(false);
        if (!_executor.Tenants.HasProvider)
        {
            // As a request does: the journal learns every declared action and its stage, for the post phase's gate.
            await _executor.Journal.RegisterAsync(Catalog.Actions, [""], _executor.TimeProvider.GetUtcNow(), cancellationToken)
                .ConfigureAwait(false);
        }

        var rows = await _executor.Journal.ReadAsync(null, cancellationToken).ConfigureAwait(false);
        var report = rows.Select(r => new PostDeployReportRow(
            r.ActionId, r.Tenant, r.Description, r.Auto, r.State, r.Attempts, r.StartedAt, r.FinishedAt, r.Host,
            r.RowsDone, r.RowsTotal, r.ErrorSummary, Catalog.TryFind(r.ActionId, out _))
        {
            Stage = r.Stage,
            Release = r.Release,
        }).ToList();
        var journaled = rows.Select(r => r.ActionId).ToHashSet(StringComparer.Ordinal);
        report.AddRange(Catalog.Actions.Where(a => !journaled.Contains(a.Id)).Select(a => new PostDeployReportRow(
            a.Id, "", a.Description, a.Auto, PostDeployState.Pending, 0, null, null, null, 0, null, null, true)
        {
            Stage = a.Stage,
            Release = a.Release,
        }));
        return [.. report
            .OrderBy(r => r.ActionId, StringComparer.Ordinal)
            .ThenBy(r => r.Tenant, StringComparer.Ordinal)];
    }

    /// <summary><c>--skip ID</c>: marks a pending, failed, cancelled, paused or not-needed action as not to be
    /// run.</summary>
    /// <returns>How many journal rows changed (one per tenant).</returns>
    /// <exception cref="PostDeployActionNotFoundException">The action is neither declared nor in the journal.</exception>
    public Task<int> SkipAsync(
        string actionId, string? tenant = null, bool allTenants = false, CancellationToken cancellationToken = default) =>
        ChangeAsync("Skipped", actionId, tenant, allTenants, _executor.Journal.SkipAsync, cancellationToken);

    /// <summary><c>--reset ID</c>: makes an action pending again as if it never ran (cursor and progress cleared);
    /// refused for an action running under a live claim.</summary>
    /// <returns>How many journal rows changed.</returns>
    /// <exception cref="PostDeployActionNotFoundException">The action is neither declared nor in the journal.</exception>
    public Task<int> ResetAsync(
        string actionId, string? tenant = null, bool allTenants = false, CancellationToken cancellationToken = default) =>
        ChangeAsync("Reset", actionId, tenant, allTenants, _executor.Journal.ResetAsync, cancellationToken);

    /// <summary>Pauses an action: a running one stops after its current batch (or at its next heartbeat) and keeps
    /// its cursor; a pending one will not start.</summary>
    /// <returns>How many journal rows changed.</returns>
    /// <exception cref="PostDeployActionNotFoundException">The action is neither declared nor in the journal.</exception>
    public Task<int> PauseAsync(
        string actionId, string? tenant = null, bool allTenants = false, CancellationToken cancellationToken = default) =>
        ChangeAsync("Paused", actionId, tenant, allTenants,
            (id, tenants, now, ct) => _executor.Journal.StopAsync(id, tenants, PostDeployControl.Pause, now, ct),
            cancellationToken);

    /// <summary>Cancels an action: a running one stops after its current batch (or at its next heartbeat) and keeps
    /// its cursor; a pending or paused one will not start.</summary>
    /// <returns>How many journal rows changed.</returns>
    /// <exception cref="PostDeployActionNotFoundException">The action is neither declared nor in the journal.</exception>
    public Task<int> CancelAsync(
        string actionId, string? tenant = null, bool allTenants = false, CancellationToken cancellationToken = default) =>
        ChangeAsync("Cancelled", actionId, tenant, allTenants,
            (id, tenants, now, ct) => _executor.Journal.StopAsync(id, tenants, PostDeployControl.Cancel, now, ct),
            cancellationToken);

    /// <summary>Resumes a paused action: it becomes pending and requested, and the next deploy or worker continues it
    /// from its cursor. A pause not yet honoured by the running node is withdrawn.</summary>
    /// <returns>How many journal rows changed.</returns>
    /// <exception cref="PostDeployActionNotFoundException">The action is neither declared nor in the journal.</exception>
    public Task<int> ResumeAsync(
        string actionId, string? tenant = null, bool allTenants = false, CancellationToken cancellationToken = default) =>
        ChangeAsync("Resumed", actionId, tenant, allTenants, _executor.Journal.ResumeAsync, cancellationToken);

    private async Task<int> ChangeAsync(
        string operation, string actionId, string? tenant, bool allTenants,
        Func<string, IReadOnlyList<string>, DateTimeOffset, CancellationToken, Task<int>> change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        await _executor.EnsureJournalAsync(cancellationToken).ConfigureAwait(false);
        var tenants = await _executor.Tenants.ResolveAsync(tenant, allTenants, cancellationToken).ConfigureAwait(false);
        var now = _executor.TimeProvider.GetUtcNow();
        if (Catalog.TryFind(actionId, out var action))
        {
            await _executor.Journal.RegisterAsync([action], tenants, now, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var existing = await _executor.Journal.ReadAsync(
                [.. tenants.Select(t => new PostDeployWorkItem(actionId, t))], cancellationToken).ConfigureAwait(false);
            if (existing.IsEmpty)
            {
                throw new PostDeployActionNotFoundException(actionId);
            }
        }

        var changed = await change(actionId, tenants, now, cancellationToken).ConfigureAwait(false);
        PostDeployLog.StateChanged(_logger, operation, actionId, changed);
        return changed;
    }

    private async Task<ImmutableArray<PostDeployOutcome>> WaitForQueuedAsync(
        ImmutableArray<PostDeployOutcome> outcomes, CancellationToken cancellationToken)
    {
        var queued = outcomes.Where(o => o.Kind == PostDeployOutcomeKind.Queued).Select(o => o.Item).ToList();
        var connection = await _executor.ListenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            while (true)
            {
                var rows = await _executor.Journal.ReadAsync(queued, cancellationToken).ConfigureAwait(false);
                var byItem = rows.ToDictionary(r => new PostDeployWorkItem(r.ActionId, r.Tenant));
                if (rows.All(IsSettled))
                {
                    return [.. outcomes.Select(o => o.Kind == PostDeployOutcomeKind.Queued
                        ? byItem.GetValueOrDefault(o.Item)?.ToOutcome(o.Item) ?? o with { Kind = PostDeployOutcomeKind.NotClaimed }
                        : o)];
                }

                // Every state change notifies; the timeout only covers a missed notification.
                await connection.WaitAsync(_executor.Options.PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsSettled(PostDeployJournalRow row) => row.State switch
    {
        PostDeployState.Running => false,
        PostDeployState.Pending => row.RequestedAt is null,
        _ => true,
    };
}
