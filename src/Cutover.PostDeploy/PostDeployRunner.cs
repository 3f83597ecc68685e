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
        var items = await _executor.RequestAsync(request, cancellationToken).ConfigureAwait(false);
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
        var rows = await _executor.Journal.ReadAsync(null, cancellationToken).ConfigureAwait(false);
        var report = rows.Select(r => new PostDeployReportRow(
            r.ActionId, r.Tenant, r.Description, r.Auto, r.State, r.Attempts, r.StartedAt, r.FinishedAt, r.Host,
            r.RowsDone, r.RowsTotal, r.ErrorSummary, Catalog.TryFind(r.ActionId, out _))).ToList();
        var journaled = rows.Select(r => r.ActionId).ToHashSet(StringComparer.Ordinal);
        report.AddRange(Catalog.Actions.Where(a => !journaled.Contains(a.Id)).Select(a => new PostDeployReportRow(
            a.Id, "", a.Description, a.Auto, PostDeployState.Pending, 0, null, null, null, 0, null, null, true)));
        return [.. report
            .OrderBy(r => r.ActionId, StringComparer.Ordinal)
            .ThenBy(r => r.Tenant, StringComparer.Ordinal)];
    }

    /// <summary><c>--skip ID</c>: marks a pending, failed, cancelled or paused action as not to be run.</summary>
    /// <returns>How many journal rows changed (one per tenant).</returns>
    /// <exception cref="PostDeployActionNotFoundException">The action is neither declared nor in the journal.</exception>
    public Task<int> SkipAsync(
        string actionId, string? tenant = null, bool allTenants = false, CancellationToken cancellationToken = default) =>
        ChangeStateAsync("Skipped", actionId, tenant, allTenants,
            "state = 'skipped', requested_at = NULL, finished_at = @now",
            "state IN ('pending', 'failed', 'cancelled', 'paused')", [], cancellationToken);

    /// <summary><c>--reset ID</c>: makes an action pending again as if it never ran (cursor and progress cleared);
    /// refused for an action running under a live claim.</summary>
    /// <returns>How many journal rows changed.</returns>
    /// <exception cref="PostDeployActionNotFoundException">The action is neither declared nor in the journal.</exception>
    public Task<int> ResetAsync(
        string actionId, string? tenant = null, bool allTenants = false, CancellationToken cancellationToken = default) =>
        ChangeStateAsync("Reset", actionId, tenant, allTenants,
            """
            state = 'pending', requested_at = NULL, control = NULL, cursor = NULL, rows_done = 0, rows_total = NULL,
            error_summary = NULL, error_detail = NULL, started_at = NULL, finished_at = NULL, claim_token = NULL,
            claim_expires_at = NULL
            """,
            "(state <> 'running' OR claim_expires_at < @now)", [], cancellationToken);

    /// <summary>Pauses an action: a running one stops after its current batch (or at its next heartbeat) and keeps
    /// its cursor; a pending one will not start.</summary>
    /// <returns>How many journal rows changed.</returns>
    /// <exception cref="PostDeployActionNotFoundException">The action is neither declared nor in the journal.</exception>
    public Task<int> PauseAsync(
        string actionId, string? tenant = null, bool allTenants = false, CancellationToken cancellationToken = default) =>
        StopAsync("Paused", "paused", "pause", actionId, tenant, allTenants, cancellationToken);

    /// <summary>Cancels an action: a running one stops after its current batch (or at its next heartbeat) and keeps
    /// its cursor; a pending or paused one will not start.</summary>
    /// <returns>How many journal rows changed.</returns>
    /// <exception cref="PostDeployActionNotFoundException">The action is neither declared nor in the journal.</exception>
    public Task<int> CancelAsync(
        string actionId, string? tenant = null, bool allTenants = false, CancellationToken cancellationToken = default) =>
        StopAsync("Cancelled", "cancelled", "cancel", actionId, tenant, allTenants, cancellationToken);

    /// <summary>Resumes a paused action: it becomes pending and requested, and the next deploy or worker continues it
    /// from its cursor. A pause not yet honoured by the running node is withdrawn.</summary>
    /// <returns>How many journal rows changed.</returns>
    /// <exception cref="PostDeployActionNotFoundException">The action is neither declared nor in the journal.</exception>
    public Task<int> ResumeAsync(
        string actionId, string? tenant = null, bool allTenants = false, CancellationToken cancellationToken = default) =>
        ChangeStateAsync("Resumed", actionId, tenant, allTenants,
            """
            state = CASE WHEN state = 'paused' THEN 'pending' ELSE state END,
            requested_at = CASE WHEN state = 'paused' THEN @now ELSE requested_at END,
            control = NULL
            """,
            "(state = 'paused' OR (state = 'running' AND control = 'pause'))", [], cancellationToken);

    private Task<int> StopAsync(
        string operation, string stoppedState, string control, string actionId, string? tenant, bool allTenants,
        CancellationToken cancellationToken)
    {
        // A live claim is asked to stop (its node records the state); an expired or absent one is stopped here.
        const string live = "(state = 'running' AND claim_expires_at >= @now)";
        string[] from = control == "pause" ? ["pending", "running"] : ["pending", "running", "paused"];
        return ChangeStateAsync(operation, actionId, tenant, allTenants, $"""
            state = CASE WHEN {live} THEN state ELSE @stopped_state END,
            control = CASE WHEN {live} THEN @control ELSE NULL END,
            requested_at = CASE WHEN {live} THEN requested_at ELSE NULL END,
            claim_token = CASE WHEN {live} THEN claim_token ELSE NULL END,
            claim_expires_at = CASE WHEN {live} THEN claim_expires_at ELSE NULL END,
            finished_at = CASE WHEN {live} THEN finished_at ELSE @now END
            """, "state = ANY(@from_states)", [("stopped_state", stoppedState), ("control", control), ("from_states", from)],
            cancellationToken);
    }

    private async Task<int> ChangeStateAsync(
        string operation, string actionId, string? tenant, bool allTenants, string assignments, string condition,
        IReadOnlyList<(string Name, object Value)> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        await _executor.EnsureJournalAsync(cancellationToken).ConfigureAwait(false);
        var tenants = await _executor.ResolveTenantNamesAsync(tenant, allTenants, cancellationToken).ConfigureAwait(false);
        var now = _executor.TimeProvider.GetUtcNow();
        if (Catalog.TryFind(actionId, out var action))
        {
            await _executor.Journal.EnsureRowsAsync([action], tenants, now, cancellationToken).ConfigureAwait(false);
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

        var changed = await _executor.Journal
            .SetStateAsync(actionId, tenants, assignments, condition, now, values, cancellationToken).ConfigureAwait(false);
        PostDeployLog.StateChanged(_logger, operation, actionId, changed);
        return changed;
    }

    private async Task<ImmutableArray<PostDeployOutcome>> WaitForQueuedAsync(
        ImmutableArray<PostDeployOutcome> outcomes, CancellationToken cancellationToken)
    {
        var queued = outcomes.Where(o => o.Kind == PostDeployOutcomeKind.Queued).Select(o => o.Item).ToList();
        var connection = await DatabaseConnection.OpenAsync(_executor.DataSource, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var listen = new NpgsqlCommand("LISTEN " + SqlIdentifier.Quote(PostDeployJournal.NotifyChannel), connection);
            await using (listen.ConfigureAwait(false))
            {
                await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            while (true)
            {
                var rows = await _executor.Journal.ReadAsync(queued, cancellationToken).ConfigureAwait(false);
                var byItem = rows.ToDictionary(r => new PostDeployWorkItem(r.ActionId, r.Tenant));
                if (rows.All(IsSettled))
                {
                    return [.. outcomes.Select(o => o.Kind == PostDeployOutcomeKind.Queued
                        ? ToOutcome(o.Item, byItem.GetValueOrDefault(o.Item))
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

    private static PostDeployOutcome ToOutcome(PostDeployWorkItem item, PostDeployJournalRow? row)
    {
        if (row is null)
        {
            return new PostDeployOutcome(item, PostDeployOutcomeKind.NotClaimed);
        }

        var duration = row.StartedAt is { } s && row.FinishedAt is { } f ? f - s : (TimeSpan?)null;
        return row.State switch
        {
            PostDeployState.Succeeded => new(item, PostDeployOutcomeKind.Succeeded, duration),
            PostDeployState.Failed => new(item, PostDeployOutcomeKind.Failed, duration, row.ErrorSummary),
            PostDeployState.Paused => new(item, PostDeployOutcomeKind.Paused, duration),
            PostDeployState.Cancelled => new(item, PostDeployOutcomeKind.Cancelled, duration),
            _ => new(item, PostDeployOutcomeKind.NotClaimed),
        };
    }
}
