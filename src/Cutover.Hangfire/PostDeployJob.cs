using System.ComponentModel;
using Cutover.PostDeploy;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cutover.Hangfire;

/// <summary>The Hangfire job that runs one post-deploy action for one tenant through this node's
/// <see cref="PostDeployExecutor"/>.</summary>
/// <remarks>Hangfire creates the job through the server's <see cref="JobActivator"/>, so the executor is a constructor
/// dependency: a container-backed activator (<c>services.AddHangfire</c> with <c>AddCutoverPostDeploy</c>) or
/// <see cref="PostDeployJobActivator"/> without a container. Every server brings its own executor: Hangfire shares
/// jobs through its storage, never objects, so each node runs the action with its own data source and code.
/// <para>Outcomes map to Hangfire as the Quartz adapter maps them to Quartz: an action handed back on shutdown
/// (<see cref="PostDeployOutcomeKind.Released"/>) ends the job by cancellation, which Hangfire answers by re-queueing
/// it for another server; a failed action fails the job with <see cref="PostDeployJobFailedException"/> and is not
/// retried (<c>cutover deploy --retry-failed</c> reruns it). Succeeded, paused, cancelled and already-finished
/// actions end the job successfully; the journal, not Hangfire, holds their state.</para></remarks>
[AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class PostDeployJob
{
    private readonly PostDeployExecutor _executor;
    private readonly PostDeployRunner _journalReader;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates the job over this node's executor.</summary>
    /// <param name="executor">Claims, runs and records actions against this node's journal database.</param>
    /// <param name="timeProvider">The clock for waiting on another node's claim; the system clock when null.</param>
    /// <param name="logger">Logs waits for another node's claim.</param>
    public PostDeployJob(
        PostDeployExecutor executor, TimeProvider? timeProvider = null, ILogger<PostDeployJob>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(executor);
        _executor = executor;
        // Reading an action's state is the runner's report; the runner's default (inline) scheduler is never used.
        _journalReader = new PostDeployRunner(executor);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<PostDeployJob>.Instance;
    }

    /// <summary>Claims and runs the action for the tenant, unless another node holds it or finished it.</summary>
    /// <param name="actionId">The action's id.</param>
    /// <param name="tenant">The tenant's name; empty when the action does not run per tenant.</param>
    /// <param name="cancellationToken">Hangfire's shutdown token (Hangfire passes it in; enqueue with
    /// <see cref="CancellationToken.None"/>).</param>
    /// <remarks>When another node's claim refuses this one and the action is still running, the job keeps trying for
    /// one lease (<see cref="PostDeployOptions.Lease"/>, every <see cref="PostDeployOptions.PollInterval"/>): a claim
    /// left by a dead server lapses within that time and this job takes the action over from its cursor, even when
    /// Hangfire re-fetched the dead server's job before the lease ran out; a claim renewed all that time belongs
    /// to a live node, whose own job finishes the action.</remarks>
    /// <exception cref="PostDeployJobFailedException">The action failed; the journal has the error.</exception>
    /// <exception cref="OperationCanceledException">The server is shutting down; the claim was handed back and
    /// Hangfire re-queues the job.</exception>
    [DisplayName("Cutover post-deploy {0} {1}")]
    public async Task RunAsync(string actionId, string tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        var item = new PostDeployWorkItem(actionId, tenant ?? "");
        var options = _executor.Options;
        var waitUntil = (DateTimeOffset?)null;
        while (true)
        {
            var outcome = await _executor.ExecuteAsync(item, null, cancellationToken).ConfigureAwait(false);
            switch (outcome.Kind)
            {
                case PostDeployOutcomeKind.NotClaimed:
                    break;
                case PostDeployOutcomeKind.Released:
                    // Handed back on shutdown: ending by cancellation makes Hangfire re-queue the job (it does so
                    // only for an OperationCanceledException while its server stops), and the next server resumes
                    // from the cursor.
                    cancellationToken.ThrowIfCancellationRequested();
                    return;
                case PostDeployOutcomeKind.Failed:
                    // Recorded in the journal already; failing the job makes it visible in Hangfire too.
                    throw new PostDeployJobFailedException(item, outcome.ErrorSummary);
                default:
                    return;
            }

            var row = await ReadAsync(item, cancellationToken).ConfigureAwait(false);
            if (row?.State != PostDeployState.Running)
            {
                // Finished (or stopped, skipped, handed back) by someone else: nothing left for this job.
                return;
            }

            var now = _timeProvider.GetUtcNow();
            waitUntil ??= now + options.Lease + options.PollInterval;
            if (now >= waitUntil)
            {
                HangfireLog.LeftToLiveClaim(_logger, item.ToString(), row.Host);
                return;
            }

            HangfireLog.WaitingForClaim(_logger, item.ToString(), row.Host);
            await Task.Delay(options.PollInterval, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<PostDeployReportRow?> ReadAsync(PostDeployWorkItem item, CancellationToken cancellationToken)
    {
        var report = await _journalReader.ReportAsync(cancellationToken).ConfigureAwait(false);
        return report.FirstOrDefault(r =>
            string.Equals(r.ActionId, item.ActionId, StringComparison.Ordinal)
            && string.Equals(r.Tenant, item.Tenant, StringComparison.Ordinal));
    }
}
