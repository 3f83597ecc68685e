using System.Globalization;
using System.Text.Json;
using Cutover.Bench;
using Cutover.Testing;
using Npgsql;

/// <summary>The same 8 databases at the head of a migration set, measured through processes, start-up included:
/// <c>cutover ci prepare --clones 8</c> from a cached template (warm), one <c>psql</c> running 8 bare
/// <c>CREATE DATABASE ... TEMPLATE</c> of that template (the floor), and 8 <c>cutover upgrade --phase all</c> into
/// 8 empty databases (replays; the empty databases are made beforehand and not timed). Interleaved, median of N.
/// </summary>
internal static class CliSnapshotBench
{
    private const int Databases = 8;

    public static async Task<List<string>> RunAsync(
        ThrowawayServer server, NpgsqlDataSource maintenance, IReadOnlyList<(string Label, string Folder)> sets,
        string[] cutover, int repetitions)
    {
        var psql = BenchPrograms.Locate(server.BinDirectory, "psql");
        var connection = server.ConnectionString("postgres");
        var lines = new List<string>();
        for (var set = 0; set < sets.Count; set++)
        {
            var (label, folder) = sets[set];
            var scriptCount = Directory.GetFiles(folder, "*.sql").Length;

            // The first prepare builds the template; it is not measured. The checkpoint writes what the build left
            // in shared buffers, as it would be for a template cached by an earlier run.
            var (_, json) = await TimedProcess.RunAsync(cutover,
                ["ci", "prepare", "--dir", folder, "-c", connection, "--clones", "0", "--json"]);
            var template = JsonDocument.Parse(json).RootElement.GetProperty("template").GetString()!;
            await ExecuteAsync(maintenance, "CHECKPOINT");

            var floorScript = Path.GetTempFileName();
            var warm = new Timings();
            var floor = new Timings();
            var replays = new Timings();
            for (var repetition = 0; repetition < repetitions; repetition++)
            {
                // Each way starts from a checkpoint: the previous way's writes (the replays' above all) would otherwise
                // be flushed by the next FILE_COPY's checkpoint, on that way's clock.
                await ExecuteAsync(maintenance, "CHECKPOINT");
                warm.Add((await TimedProcess.RunAsync(cutover,
                    ["ci", "prepare", "--dir", folder, "-c", connection, "--clones", Databases.ToString(CultureInfo.InvariantCulture)]))
                    .Elapsed);
                await DropAsync(maintenance, "cutover_clone_");

                // STRATEGY as the cache chooses it for a template under 1 GiB (PostgreSQL 15 and later).
                var strategy = server.MajorVersion >= 15 ? " STRATEGY FILE_COPY" : "";
                await File.WriteAllLinesAsync(floorScript, Enumerable.Range(0, Databases)
                    .Select(i => $"CREATE DATABASE bench_floor_{i} TEMPLATE {template}{strategy};"));
                await ExecuteAsync(maintenance, "CHECKPOINT");
                floor.Add((await TimedProcess.RunAsync([psql],
                    ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", server.SocketDirectory, "-p",
                     server.Port.ToString(CultureInfo.InvariantCulture), "-U", server.Username, "-d", "postgres",
                     "-f", floorScript])).Elapsed);
                await DropAsync(maintenance, "bench_floor_");

                for (var i = 0; i < Databases; i++)
                {
                    await ExecuteAsync(maintenance, $"CREATE DATABASE bench_replay_{i}");
                }

                await ExecuteAsync(maintenance, "CHECKPOINT");
                var replayed = TimeSpan.Zero;
                for (var i = 0; i < Databases; i++)
                {
                    replayed += (await TimedProcess.RunAsync(cutover,
                        ["upgrade", "--phase", "all", "--dir", folder, "-c", server.ConnectionString($"bench_replay_{i}")]))
                        .Elapsed;
                }

                replays.Add(replayed);
                await DropAsync(maintenance, "bench_replay_");
            }

            File.Delete(floorScript);
            lines.Add("");
            lines.Add($"**{label}** ({scriptCount} migrations), median of {repetitions}:");
            lines.Add("");
            lines.Add("| way, 8 databases | median | runs (ms) | ratio |");
            lines.Add("|---|---:|---|---:|");
            lines.Add($"| replays: 8 x `cutover upgrade --phase all` | {Ms(replays.Median)} | {replays.Runs} | " +
                $"{X(replays.Median / warm.Median)} the warm time |");
            lines.Add($"| warm: `cutover ci prepare --clones 8` | {Ms(warm.Median)} | {warm.Runs} | - |");
            lines.Add($"| floor: `psql -f` of 8 `CREATE DATABASE ... TEMPLATE` | {Ms(floor.Median)} | {floor.Runs} | " +
                $"warm is {X(warm.Median / floor.Median)} |");
        }

        return lines;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task DropAsync(NpgsqlDataSource dataSource, string prefix)
    {
        var names = new List<string>();
        await using (var command = dataSource.CreateCommand("SELECT datname FROM pg_database WHERE starts_with(datname, $1)"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = prefix });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        foreach (var name in names)
        {
            await ExecuteAsync(dataSource, $"DROP DATABASE \"{name}\" WITH (FORCE)");
        }
    }

    private static string Ms(double milliseconds) => milliseconds.ToString("N0", CultureInfo.InvariantCulture) + " ms";

    private static string X(double x) => x.ToString("0.00", CultureInfo.InvariantCulture) + "x";
}
