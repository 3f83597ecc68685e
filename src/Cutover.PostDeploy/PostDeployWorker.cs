using Cutover.Connections;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Cutover.PostDeploy;

/// <summary>Runs post-deploy actions inside every application instance: claims requested actions from the shared
/// journal one at a time until none is left, then sleeps until a notification or the poll interval.</summary>
/// <remarks>Any number of instances share the work; each action runs once (<c>FOR UPDATE SKIP LOCKED</c> claims with
/// an expiring lease). Stopping the host hands a running action back at once, and another instance continues it
/// from its cursor. Only actions this instance's code declares are claimed.</remarks>
internal sealed class PostDeployWorker : BackgroundService
{
    private readonly PostDeployExecutor _executor;
    private readonly PostDeployWorkerOptions _options;
    private readonly PostDeployPlanner _planner;
    private readonly ILogger _logger;

    /// <summary>Creates the worker.</summary>
    /// <param name="executor">Claims and runs actions.</param>
    /// <param name="options">Whether to request automatic actions at start; defaults when null.</param>
    /// <param name="logger">Logs database errors the worker rides out.</param>
    public PostDeployWorker(
        PostDeployExecutor executor, PostDeployWorkerOptions? options = null, ILogger<PostDeployWorker>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(executor);
        _executor = executor;
        _options = options ?? new PostDeployWorkerOptions();
        _logger = logger ?? NullLogger<PostDeployWorker>.Instance;
        _planner = new PostDeployPlanner(executor, _logger);
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        PostDeployLog.WorkerStarted(_logger, _executor.Options.HostName, _executor.Catalog.Actions.Length);
        var requested = !_options.RequestAutoActions;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!requested)
                {
                    await _planner.RequestAsync(new PostDeployRequest
                    {
                        Mode = PostDeployMode.Auto,
                        AllTenants = _options.AllTenants && _executor.Tenants.HasProvider,
                    }, stoppingToken).ConfigureAwait(false);
                    requested = true;
                }

                await ClaimUntilIdleAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or DatabaseUnavailableException)
            {
                // The database may be restarting or failing over; the journal keeps every claim consistent, so
                // waiting and trying again is all a worker needs to do.
                PostDeployLog.WorkerError(_logger, e, (long)_executor.Options.PollInterval.TotalMilliseconds);
                try
                {
                    await Task.Delay(_executor.Options.PollInterval, _executor.TimeProvider, stoppingToken)
                        .ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ClaimUntilIdleAsync(CancellationToken stoppingToken)
    {
        var connection = await _executor.ListenAsync(stoppingToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                while (await _executor.ExecuteNextAsync(null, stoppingToken).ConfigureAwait(false) is not null)
                {
                    stoppingToken.ThrowIfCancellationRequested();
                }

                // Requests and finished runs notify; the timeout catches claims that expire on a dead node.
                await connection.WaitAsync(_executor.Options.PollInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
