using System.Globalization;
using Cutover.Testing;
using Cutover.Bench;

namespace MigrationBench.Peers;

/// <summary>dbmate (the Go binary the npm package ships, run directly, not through its node wrapper): the scripts
/// copied as <c>000001_step_1.sql</c> ... between the <c>-- migrate:up</c> and (empty, required)
/// <c>-- migrate:down</c> markers, <c>dbmate migrate</c> (a transaction per migration with its
/// <c>schema_migrations</c> row, dbmate's default).</summary>
internal sealed class DbmatePeer(string binary, ThrowawayServer server, MigrationWorkspace migrations) : IPeer
{
    private readonly string _folder = migrations.CopyTo("dbmate", m => $"{m.Number:000000}_{m.Description}.sql",
        m => "-- migrate:up\n" + m.Sql + "\n\n-- migrate:down\n");

    public string Name => "dbmate `migrate`";

    public bool KeepsHistory => true;

    public bool RunsInProcess => false;

    // `migrate`, not `up`: `up` first creates the database when missing, and every approach here gets it created.
    public Task ApplyAsync(RunTarget target) => TimedProcess.RunAsync([binary],
        ["--url", Url(target.Database), "--migrations-dir", _folder, "--no-dump-schema", "migrate"]);

    // The Unix socket, as every other approach uses.
    private string Url(string database) => string.Create(CultureInfo.InvariantCulture,
        $"postgres://{server.Username}@:{server.Port}/{database}?socket={Uri.EscapeDataString(server.SocketDirectory)}&sslmode=disable");
}
