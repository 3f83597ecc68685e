using DbUp;

namespace MigrationBench.Peers;

/// <summary>DbUp (dbup-postgresql): the folder as it is (DbUp runs scripts in name order), a transaction per script
/// with its <c>schemaversions</c> row.</summary>
internal sealed class DbUpPeer(MigrationWorkspace migrations) : IPeer
{
    public string Name => "DbUp, `WithTransactionPerScript`";

    public bool KeepsHistory => true;

    public bool RunsInProcess => true;

    public Task ApplyAsync(RunTarget target)
    {
        // DbUp's API is synchronous.
        var result = DeployChanges.To.PostgresqlDatabase(target.ConnectionString)
            .WithScriptsFromFileSystem(migrations.Folder)
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        return result.Successful
            ? Task.CompletedTask
            : throw new InvalidOperationException("DbUp: " + result.Error.Message, result.Error);
    }
}
