using System.Globalization;
using Cutover.Bench;
using Cutover.Testing;

/// <summary><c>cutover diff</c> of two databases against what a schema diff costs with pg_dump: one
/// <c>pg_dump --schema-only</c> per database, one after the other, as a script that dumps both and diffs the files
/// does. Both measured as whole processes, start-up included; interleaved, median of N. Two pg_dumps run at once are
/// timed too, for reference.</summary>
internal static class CliDiffBench
{
    public static async Task RunAsync(
        ThrowawayServer server, string database, int tables, string pgDump, string[] cutover, int repetitions)
    {
        // The second database is a copy of the first: the diff reads both in full and finds them equivalent (exit 0).
        var copy = database + "_copy";
        await using (var admin = server.CreateDataSource())
        await using (var command = admin.CreateCommand($"CREATE DATABASE {copy} TEMPLATE {database}"))
        {
            await command.ExecuteNonQueryAsync();
        }

        var loadBefore = LoadAverage();
        Task<(TimeSpan Elapsed, string Output)> DiffAsync() => TimedProcess.RunAsync(cutover,
            ["diff", server.ConnectionString(database), server.ConnectionString(copy)]);
        Task<(TimeSpan Elapsed, string Output)> DumpAsync(string name) =>
            TimedProcess.RunAsync([pgDump], SchemaDumpArguments(server, name));

        // Warm-up: the page cache for the programs, the server's caches for both databases.
        await DiffAsync();
        await DumpAsync(database);
        await DumpAsync(copy);

        var diffs = new Timings();
        var dumps = new Timings();
        var concurrentDumps = new Timings();
        for (var i = 0; i < repetitions; i++)
        {
            diffs.Add((await DiffAsync()).Elapsed);
            dumps.Add((await DumpAsync(database)).Elapsed + (await DumpAsync(copy)).Elapsed);
            var started = System.Diagnostics.Stopwatch.StartNew();
            await Task.WhenAll(DumpAsync(database), DumpAsync(copy));
            concurrentDumps.Add(started.Elapsed);
        }

        string Ms(double ms) => ms.ToString("N0", CultureInfo.InvariantCulture) + " ms";
        string X(double x) => x.ToString("0.00", CultureInfo.InvariantCulture) + "x";
        Console.WriteLine($"`bench/InspectionBench -- {tables} {repetitions} --cli \"{string.Join(' ', cutover)}\"`, " +
            $"{DateTime.UtcNow:yyyy-MM-dd}: PostgreSQL {server.MajorVersion} on /dev/shm, {Environment.ProcessorCount} " +
            $"CPU cores shared with other work (load average {loadBefore} before, {LoadAverage()} after), two databases " +
            $"of {tables} generated tables, median of {repetitions}.");
        Console.WriteLine();
        Console.WriteLine("| way | median | runs (ms) | vs two pg_dump |");
        Console.WriteLine("|---|---:|---|---:|");
        Console.WriteLine($"| two `pg_dump --schema-only`, one per database, one after the other | {Ms(dumps.Median)} | " +
            $"{dumps.Runs} | 1.00x |");
        Console.WriteLine($"| `cutover diff A B` | {Ms(diffs.Median)} | {diffs.Runs} | **{X(diffs.Median / dumps.Median)}** |");
        Console.WriteLine($"| two `pg_dump --schema-only` at once (reference) | {Ms(concurrentDumps.Median)} | " +
            $"{concurrentDumps.Runs} | {X(concurrentDumps.Median / dumps.Median)} |");
    }

    /// <summary>pg_dump of <paramref name="database"/>'s schema to /dev/null over the Unix socket.</summary>
    public static string[] SchemaDumpArguments(ThrowawayServer server, string database) =>
    [
        "--schema-only", "--no-password", "-h", server.SocketDirectory,
        "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-U", server.Username, "-d", database,
        "-f", "/dev/null",
    ];

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
