using FluentMigrator.Runner;
using Microsoft.Extensions.DependencyInjection;

namespace MigrationBench.Peers;

/// <summary>FluentMigrator: one migration per script doing <c>Execute.Sql</c>, <c>MigrateUp()</c> with the runner's
/// defaults (a transaction per migration with its <c>VersionInfo</c> row).</summary>
internal sealed class FluentMigratorPeer(MigrationWorkspace migrations) : IPeer
{
    public string Name => "FluentMigrator, `MigrateUp`";

    public bool KeepsHistory => true;

    public bool RunsInProcess => true;

    public Task ApplyAsync(RunTarget target)
    {
        // The runner is built per run, as an application builds it at start-up, and its API is synchronous.
        using var services = new ServiceCollection()
            .AddFluentMigratorCore()
            .ConfigureRunner(runner => runner.AddPostgres().WithGlobalConnectionString(target.ConnectionString))
            .AddScoped<IMigrationInformationLoader>(_ => new FluentScriptMigrationLoader(migrations))
            .BuildServiceProvider(validateScopes: false);
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<IMigrationRunner>().MigrateUp();
        return Task.CompletedTask;
    }
}
