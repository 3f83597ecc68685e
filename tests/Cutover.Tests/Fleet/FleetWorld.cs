using System.Globalization;
using System.Text;
using Cutover.Scripts;
using Cutover.Testing;
using Npgsql;

namespace Cutover.Tests.Fleet;

/// <summary>A small fleet on the shared throwaway server for one test: <c>databases</c> tenant databases (named
/// with a prefix of the test's own) and one database with <c>schemas</c> tenant schemas, a control database, a fleet
/// file naming them all (databases first, then schemas) and a migrations folder whose scripts leave a mark per run
/// in each target (<c>marks</c>), so that a script applied twice shows.</summary>
public sealed class FleetWorld : IDisposable
{
    private FleetWorld(ThrowawayServer server, string prefix, string folder)
    {
        Server = server;
        Prefix = prefix;
        Folder = folder;
        Migrations = Path.Combine(folder, "migrations");
        Directory.CreateDirectory(Migrations);
    }

    public ThrowawayServer Server { get; }
    public string Prefix { get; }
    public string Folder { get; }
    public string Migrations { get; }
    public string FleetFile => Path.Combine(Folder, "fleet.yaml");
    public string Control => Prefix + "control";
    public string SchemaDatabase => Prefix + "app";
    public List<string> Databases { get; } = [];
    public List<string> Schemas { get; } = [];

    /// <summary>Every target name, in fleet order.</summary>
    public IEnumerable<string> Targets => Databases.Concat(Schemas);

    public static async Task<FleetWorld> CreateAsync(ThrowawayServer server, int databases, int schemas, CancellationToken ct)
    {
        var prefix = "f" + Guid.NewGuid().ToString("N")[..6] + "_";
        var world = new FleetWorld(server, prefix, Directory.CreateTempSubdirectory("cutover-fleet-").FullName);
        await server.CreateDatabaseAsync(world.Control, cancellationToken: ct);
        for (var i = 1; i <= databases; i++)
        {
            world.Databases.Add(await server.CreateDatabaseAsync($"{prefix}t{i:00}", cancellationToken: ct));
        }

        if (schemas > 0)
        {
            await server.CreateDatabaseAsync(world.SchemaDatabase, cancellationToken: ct);
            await using var app = server.CreateDataSource(world.SchemaDatabase);
            var sql = new StringBuilder();
            for (var i = 1; i <= schemas; i++)
            {
                world.Schemas.Add($"tenant_{i:00}");
                sql.Append(CultureInfo.InvariantCulture, $"CREATE SCHEMA tenant_{i:00};");
            }

            await using var command = app.CreateCommand(sql.ToString());
            await command.ExecuteNonQueryAsync(ct);
        }

        world.WriteFleet();
        world.WithScript("01.00.00_01_pre_items.sql",
            "CREATE TABLE items (id int PRIMARY KEY, name text);\nCREATE TABLE marks (script text);\nINSERT INTO marks VALUES ('01');");
        world.WithScript("01.00.00_50_post_index.sql",
            "-- cutover:no-transaction\nCREATE INDEX CONCURRENTLY items_name ON items (name);\nINSERT INTO marks VALUES ('50');");
        return world;
    }

    public void WriteFleet(string? extra = null)
    {
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"control: \"{Server.ConnectionString(Control)}\"")
            .AppendLine("targets:");
        if (Databases.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  - databases: \"SELECT datname FROM pg_database WHERE datname LIKE '{Prefix}t%' ORDER BY datname\"")
                .AppendLine(CultureInfo.InvariantCulture, $"    server: \"{Server.ConnectionString()}\"")
                .AppendLine("    labels: { kind: database }");
        }

        if (Schemas.Count > 0)
        {
            text.AppendLine("  - schemas: \"SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant%' ORDER BY nspname\"")
                .AppendLine(CultureInfo.InvariantCulture, $"    connection: \"{Server.ConnectionString(SchemaDatabase)}\"")
                .AppendLine("    labels: { kind: schema }");
        }

        text.Append(extra);
        File.WriteAllText(FleetFile, text.ToString());
    }

    public FleetWorld WithScript(string name, string body)
    {
        File.WriteAllText(Path.Combine(Migrations, name), body);
        return this;
    }

    public Task<MigrationSet> LoadScriptsAsync(CancellationToken ct) =>
        MigrationSet.LoadAsync(new DirectoryScriptSource(Migrations), ct);

    /// <summary>The database and schema of a target.</summary>
    public (string Database, string? Schema) Locate(string target) =>
        Schemas.Contains(target) ? (SchemaDatabase, target) : (target, null);

    /// <summary>Scalar on a target, with its schema first on search_path.</summary>
    public async Task<T> ScalarAsync<T>(string target, string sql, CancellationToken ct)
    {
        var (database, schema) = Locate(target);
        await using var dataSource = Server.CreateDataSource(database);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (schema is not null)
        {
            await using var path = new NpgsqlCommand($"SET search_path = \"{schema}\"", connection);
            await path.ExecuteNonQueryAsync(ct);
        }

        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Rows of the ledger, as "name state attempts" lines, for assertions and their messages.</summary>
    public async Task<List<(string Run, string Name, string State, int Attempts, int Wave)>> LedgerAsync(CancellationToken ct)
    {
        await using var control = Server.CreateDataSource(Control);
        await using var command = control.CreateCommand(
            "SELECT run_id, name, state, attempts, wave FROM cutover_fleet.targets ORDER BY run_id, position");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<(string, string, string, int, int)>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4)));
        }

        return rows;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
