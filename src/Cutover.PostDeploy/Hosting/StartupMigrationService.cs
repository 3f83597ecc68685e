using Cutover.Execution;
using Cutover.Planning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cutover.Hosting;

/// <summary>Applies the pending pre-migrations in <see cref="StartingAsync"/>, before the host starts any hosted
/// service (see <see cref="CutoverBuilder.MigrateOnStartup"/> for why there).</summary>
internal sealed class StartupMigrationService(IServiceProvider services, ILogger<StartupMigrationService>? logger = null)
    : IHostedLifecycleService
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger<StartupMigrationService>.Instance;

    /// <remarks>The host's token here is linked to <c>ApplicationStopping</c> (and to <c>HostOptions.StartupTimeout</c>
    /// when one is set), so SIGTERM during a long migration cancels the running statement on the server and the
    /// script rolls back. Any exception escapes: the host then does not start, which is the point.</remarks>
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Resolved here rather than injected, so that bad options or unreadable scripts are reported below as a
            // failed start-up migration, not as a bare activation error of this service.
            var migrator = services.GetRequiredService<Migrator>();
            HostingLog.StartupMigrationStarting(_logger, migrator.Scripts.Description);
            var result = await migrator.UpgradeAsync(
                new UpgradeOptions { Plan = new PlanRequest(PhaseSelection.Pre) }, cancellationToken).ConfigureAwait(false);
            HostingLog.StartupMigrationFinished(_logger, result.Applied.Length, (long)result.Elapsed.TotalMilliseconds,
                result.Plan.Pending.Length - result.Applied.Length);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            HostingLog.StartupMigrationCancelled(_logger);
            throw;
        }
        catch (Exception e)
        {
            // The host boundary: log what state the database is in, then let the host fail with the original
            // exception (ScriptExecutionException names file, line and SQLSTATE) so callers can still catch it.
            HostingLog.StartupMigrationFailed(_logger, e);
            throw;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
