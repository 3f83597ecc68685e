// Applies 500 generated migrations, one transaction each, three ways in one run on one throwaway server on tmpfs:
//   floor:     psql -1 -f of the same SQL concatenated (one transaction, no bookkeeping)
//   per file:  psql -f, one process per file (what a shell loop over the folder does)
//   cutover:   Migrator.UpgradeAsync (one transaction per script with its journal row, deploy lock, lock timeout)
// Each approach gets a fresh database per repetition; the median of the repetitions is reported.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Cutover.Execution;
using Cutover.Planning;
using Cutover.Scripts;
using Cutover.Testing;

var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
var repetitions = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var folder = Directory.CreateTempSubdirectory("cutover-bench-").FullName;
var migrations = Path.Combine(folder, "migrations");
Directory.CreateDirectory(migrations);
var all = new StringBuilder();
for (var i = 1; i <= count; i++)
{
    var sql = GeneratedMigration(i);
    var name = $"{i / 100:00}.{i % 100:00}.00_01_pre_step_{i}.sql";
    File.WriteAllText(Path.Combine(migrations, name), sql);
    all.AppendLine(sql);
}

var concatenated = Path.Combine(folder, "all.sql");
File.WriteAllText(concatenated, all.ToString());

await using var server = await ThrowawayServer.StartAsync(new ThrowawayServerOptions { ParentDirectory = "/dev/shm" });
var psql = Path.Combine(server.BinDirectory, "psql");
var scripts = await MigrationSet.LoadAsync(new DirectoryScriptSource(migrations));
var results = new Dictionary<string, List<double>> { ["floor"] = [], ["per file"] = [], ["cutover"] = [] };
for (var r = 0; r < repetitions; r++)
{
    results["floor"].Add(await TimeAsync(async () =>
    {
        var db = await server.CreateDatabaseAsync();
        await RunAsync(psql, ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-1", "-f", concatenated, "-h", server.SocketDirectory,
            "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-d", db]);
    }));
    results["per file"].Add(await TimeAsync(async () =>
    {
        var db = await server.CreateDatabaseAsync();
        foreach (var file in Directory.GetFiles(migrations).Order(StringComparer.Ordinal))
        {
            await RunAsync(psql, ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", file, "-h", server.SocketDirectory,
                "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-d", db]);
        }
    }));
    results["cutover"].Add(await TimeAsync(async () =>
    {
        var db = await server.CreateDatabaseAsync();
        await using var dataSource = server.CreateDataSource(db);
        var result = await new Migrator(dataSource, scripts).UpgradeAsync(
            new UpgradeOptions { Plan = new PlanRequest(PhaseSelection.All) });
        if (result.Applied.Length != count)
        {
            throw new InvalidOperationException("not every migration was applied");
        }
    }));
}

var floor = Median(results["floor"]);
Console.WriteLine($"{count} migrations, {repetitions} repetitions, PostgreSQL {server.MajorVersion} on /dev/shm, {Environment.ProcessorCount} cores");
Console.WriteLine("| approach | median | vs floor |");
Console.WriteLine("|---|---:|---:|");
foreach (var (name, times) in results)
{
    Console.WriteLine($"| {name} | {Median(times):0} ms | {Median(times) / floor:0.00}x |");
}

Directory.Delete(folder, recursive: true);

static string GeneratedMigration(int i) => (i % 5) switch
{
    // A realistic mix: tables, indexes, added columns, functions with dollar-quoted bodies, views.
    0 => $"CREATE TABLE t{i} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, created_at timestamptz DEFAULT now());\nCREATE INDEX t{i}_name ON t{i} (name);",
    1 => $"CREATE TABLE t{i} (id bigint PRIMARY KEY, payload jsonb);\nINSERT INTO t{i} SELECT g, jsonb_build_object('n', g) FROM generate_series(1, 20) g;",
    2 => $"CREATE TABLE t{i} (id int PRIMARY KEY);\nALTER TABLE t{i} ADD COLUMN status text NOT NULL DEFAULT 'new';\nCOMMENT ON COLUMN t{i}.status IS 'step {i}';",
    3 => $"CREATE FUNCTION f{i}(n int) RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n    RETURN n + {i}; -- semicolons inside the body\nEND;\n$$;",
    _ => $"CREATE TABLE t{i} (id int PRIMARY KEY, amount numeric(12,2));\nCREATE VIEW v{i} AS SELECT id, amount * 2 AS doubled FROM t{i};",
};

static async Task<double> TimeAsync(Func<Task> action)
{
    var started = Stopwatch.GetTimestamp();
    await action();
    return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}

static async Task RunAsync(string program, string[] arguments)
{
    var start = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
    foreach (var argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    using var process = Process.Start(start)!;
    var error = await process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"{program} failed: {error}");
    }
}
