using System.Globalization;
using Cutover.Testing;
using Cutover.Bench;

namespace MigrationBench.Peers;

/// <summary>psql, with no bookkeeping: the floor (<c>psql -1 -f</c> of every script concatenated: one process, one
/// transaction), the same in one process but each script between <c>BEGIN</c> and <c>COMMIT</c> (what a transaction
/// per script costs the server, with nothing else), or one <c>psql -1 -f</c> per file (what a shell loop over the
/// folder does: one process and one transaction per script).</summary>
internal sealed class PsqlPeer(string name, ThrowawayServer server, IReadOnlyList<string> files, bool singleTransaction)
    : IPeer
{
    public string Name { get; } = name;

    public bool KeepsHistory => false;

    public bool RunsInProcess => false;

    public static PsqlPeer Floor(ThrowawayServer server, MigrationWorkspace migrations) =>
        new("floor: `psql -1 -f` of the scripts concatenated", server, [migrations.Concatenated], true);

    public static PsqlPeer TransactionPerScript(ThrowawayServer server, MigrationWorkspace migrations) =>
        new("`psql -f` of the scripts concatenated, each in `BEGIN`/`COMMIT`", server,
            [migrations.ConcatenatedInTransactions], false);

    public static PsqlPeer PerFile(ThrowawayServer server, MigrationWorkspace migrations) =>
        new("`psql -1 -f`, one process per file", server,
            [.. migrations.Migrations.Select(m => Path.Combine(migrations.Folder, m.FileName))], true);

    public async Task ApplyAsync(RunTarget target)
    {
        var psql = BenchPrograms.Locate(server.BinDirectory, "psql");
        foreach (var file in files)
        {
            await TimedProcess.RunAsync([psql], ["-X", "-q", "-v", "ON_ERROR_STOP=1", .. singleTransaction ? ["-1"] : Array.Empty<string>(),
                "-f", file, "-h", server.SocketDirectory, "-p", server.Port.ToString(CultureInfo.InvariantCulture),
                "-U", server.Username, "-d", target.Database]);
        }
    }
}
