using EvolveDb;
using EvolveDb.Dialect;
using Npgsql;

namespace MigrationBench.Peers;

/// <summary>Evolve: the scripts copied as <c>V1__step_1.sql</c> ... (Flyway's names), <c>Migrate()</c> with its
/// defaults: <c>TransactionMode.CommitEach</c> (a transaction per script with its <c>changelog</c> row) and cluster
/// mode (an advisory lock for the run).</summary>
internal sealed class EvolvePeer(MigrationWorkspace migrations) : IPeer
{
    private readonly string _folder = migrations.CopyTo("evolve", m => $"V{m.Number}__{m.Description}.sql");

    public string Name => "Evolve, `TransactionMode.CommitEach`";

    public bool KeepsHistory => true;

    public bool RunsInProcess => true;

    public Task ApplyAsync(RunTarget target)
    {
        // Evolve's API is synchronous.
        using var connection = new NpgsqlConnection(target.ConnectionString);
        new Evolve(connection, _ => { }, DBMS.PostgreSQL) { Locations = [_folder], IsEraseDisabled = true }.Migrate();
        return Task.CompletedTask;
    }
}
