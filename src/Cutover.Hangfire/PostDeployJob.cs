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
    private readonly ILogger _logger;

    /// <summary>Creates the job over this node's executor.</summary>
    /// <param name="executor">Claims, runs and records actions against this node's journal database.</param>
    /// <param name="logger">Logs waits for another node's claim.</param>
    public PostDeployJob(
        PostDeployExecutor executor, ILogger<PostDeployJob>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(executor);
        _executor = executor;
        _logger = logger ?? NullLogger<PostDeployJob>.Instance;
    }

    /// <summary>Claims and runs the action for the tenant, unless another node holds it or finished it.</summary>
    /// <param name="actionId">The action's id.</param>
    /// <param name="tenant">The tenant's name; empty when the action does not run per tenant.</param>
    /// <param name="cancellationToken">Hangfire's shutdown token (Hangfire passes it in; enqueue with
    /// <see cref="CancellationToken.None"/>).</param>
    /// <remarks>When another node's claim refuses this one and the action is still running, the job waits for up to
    /// one lease (<see cref="PostDeployOptions.Lease"/>, <see cref="PostDeployExecutor.RunToEndAsync"/>): a claim
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
        // One lease (and a poll) is long enough for a dead server's claim to lapse, and no longer: a claim renewed
        // all that time belongs to a live node, whose own job finishes the action.
        var outcome = await _executor.RunToEndAsync(item, null, options.Lease + options.PollInterval, cancellationToken)
            .ConfigureAwait(false);
        switch (outcome.Kind)
        {
            case PostDeployOutcomeKind.Released:
                // Handed back on shutdown: ending by cancellation makes Hangfire re-queue the job (it does so only for
                // an OperationCanceledException while its server stops), and the next server resumes from the cursor.
                cancellationToken.ThrowIfCancellationRequested();
                return;
            case PostDeployOutcomeKind.Failed when outcome.RanBy is null:
                // Recorded in the journal already; failing the job makes it visible in Hangfire too. A failure of
                // another node's run belongs to that node's job.
                throw new PostDeployJobFailedException(item, outcome.ErrorSummary);
            case PostDeployOutcomeKind.HeldElsewhere:
                HangfireLog.LeftToLiveClaim(_logger, item.ToString(), outcome.ErrorSummary);
                return;
            default:
                return;
        }
    }
}
