using EvolveDb;
using EvolveDb.Dialect;
using Npgsql;

namespace MigrationBench.Peers;

/// <summary>Evolve: the scripts copied as <c>V1__step_1.sql</c> ... (Flyway's names), <c>Migrate()</c> with its
/// defaults: <c>TransactionMode.CommitEach</c> (a transaction per script with its <c>changelog</c> row) and cluster
/// mode (an advisory lock for the run).</summary>
internal sealed class EvolvePeer : IPeer
{
    private readonly string _folder;

    public EvolvePeer(GeneratedMigrations migrations)
    {
        _folder = migrations.PeerFolder("evolve");
        foreach (var migration in migrations.Migrations)
        {
            File.WriteAllText(Path.Combine(_folder, $"V{migration.Number}__{migration.Description}.sql"), migration.Sql);
        }
    }

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
