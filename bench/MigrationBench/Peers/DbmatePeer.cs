using System.Globalization;
using Cutover.Testing;

namespace MigrationBench.Peers;

/// <summary>dbmate (the Go binary the npm package ships, run directly, not through its node wrapper): the scripts
/// copied as <c>000001_step_1.sql</c> ... between the <c>-- migrate:up</c> and (empty, required)
/// <c>-- migrate:down</c> markers, <c>dbmate migrate</c> (a transaction
/// per migration with its <c>schema_migrations</c> row, dbmate's default).</summary>
internal sealed class DbmatePeer : IPeer
{
    private readonly string _binary;
    private readonly ThrowawayServer _server;
    private readonly string _folder;

    public DbmatePeer(string binary, ThrowawayServer server, GeneratedMigrations migrations)
    {
        _binary = binary;
        _server = server;
        _folder = migrations.PeerFolder("dbmate");
        foreach (var migration in migrations.Migrations)
        {
            File.WriteAllText(Path.Combine(_folder, $"{migration.Number:000000}_{migration.Description}.sql"),
                "-- migrate:up\n" + migration.Sql + "\n\n-- migrate:down\n");
        }
    }

    public string Name => "dbmate `migrate`";

    public bool KeepsHistory => true;

    public bool RunsInProcess => false;

    // `migrate`, not `up`: `up` first creates the database when missing, and every approach here gets it created.
    public Task ApplyAsync(RunTarget target) => ChildProcess.RunAsync(_binary,
        ["--url", Url(target.Database), "--migrations-dir", _folder, "--no-dump-schema", "migrate"]);

    // The Unix socket, as every other approach uses.
    private string Url(string database) => string.Create(CultureInfo.InvariantCulture,
        $"postgres://{_server.Username}@:{_server.Port}/{database}?socket={Uri.EscapeDataString(_server.SocketDirectory)}&sslmode=disable");
}
