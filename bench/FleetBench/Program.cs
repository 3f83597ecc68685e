// FleetBench: `cutover fleet upgrade` over 200 databases and 1,000 tenant schemas on one throwaway server (tmpfs),
// against a shell loop of `cutover upgrade` over a sample of the same kind of targets, in the same run; throughput at
// --parallel 1, 2, 4, 8, 16; peak RSS of the process and the connections it opened at --parallel 16.
//
//   dotnet run -c Release --project bench/FleetBench [-- --cutover /path/to/native/cutover] [--databases 200]
//     [--schemas 1000] [--loop-sample 100]
using System.Diagnostics;
using System.Text;
using Cutover.Testing;
using Npgsql;

var settings = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length ? args[p.i + 1] : "");
int Setting(string name, int fallback) => settings.TryGetValue(name, out var v) ? int.Parse(v) : fallback;
var databases = Setting("databases", 200);
var schemas = Setting("schemas", 1000);
var loopSample = Setting("loop-sample", 100);
string[] cutover = settings.TryGetValue("cutover", out var native)
    ? [native]
    : ["dotnet", Path.Combine(RepositoryRoot(), "src/Cutover.Cli/bin/Release/net10.0/Cutover.Cli.dll")];

await using var server = await ThrowawayServer.StartAsync(new ThrowawayServerOptions
{
    ParentDirectory = "/dev/shm",
    Settings = new Dictionary<string, string> { ["max_connections"] = "200", ["fsync"] = "off" },
});
var work = Directory.CreateTempSubdirectory("fleetbench-").FullName;
var migrations = Path.Combine(work, "migrations");
Directory.CreateDirectory(migrations);
File.WriteAllText(Path.Combine(migrations, "01.00.00_01_pre_items.sql"),
    "CREATE TABLE items (id int PRIMARY KEY, name text);\nCREATE TABLE marks (script text);\nINSERT INTO marks VALUES ('01');");
File.WriteAllText(Path.Combine(migrations, "01.00.00_50_post_index.sql"),
    "-- cutover:no-transaction\nCREATE INDEX CONCURRENTLY items_name ON items (name);");

async Task ExecuteAsync(string database, string sql)
{
    await using var dataSource = server.CreateDataSource(database);
    await using var command = dataSource.CreateCommand(sql);
    command.CommandTimeout = 0;
    await command.ExecuteNonQueryAsync();
}

async Task<long> ScalarAsync(string database, string sql)
{
    await using var dataSource = server.CreateDataSource(database);
    await using var command = dataSource.CreateCommand(sql);
    return Convert.ToInt64(await command.ExecuteScalarAsync());
}

Console.Error.WriteLine($"creating {databases} + {loopSample / 2} databases and {schemas} + {loopSample / 2} schemas ...");
await server.CreateDatabaseAsync("fleet");
await server.CreateDatabaseAsync("app");
for (var i = 1; i <= databases; i++)
{
    await server.CreateDatabaseAsync($"tdb_{i:0000}");
}

for (var i = 1; i <= loopSample / 2; i++)
{
    await server.CreateDatabaseAsync($"loop_{i:0000}");
}

var create = new StringBuilder();
for (var i = 1; i <= schemas; i++)
{
    create.Append($"CREATE SCHEMA tenant_{i:0000};");
}

for (var i = 1; i <= loopSample / 2; i++)
{
    create.Append($"CREATE SCHEMA loop_{i:0000};");
}

await ExecuteAsync("app", create.ToString());
var fleetFile = Path.Combine(work, "fleet.yaml");
File.WriteAllText(fleetFile, $"""
    control: "{server.ConnectionString("fleet")}"
    targets:
      - databases: "SELECT datname FROM pg_database WHERE datname LIKE 'tdb%' ORDER BY datname"
        server: "{server.ConnectionString()}"
      - schemas: "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant%' ORDER BY nspname"
        connection: "{server.ConnectionString("app")}"
    """);
var total = databases + schemas;

async Task<(TimeSpan Elapsed, long PeakRssKb, long PeakConnections, long Sessions)> RunAsync(params string[] arguments)
{
    var sessionsBefore = await ScalarAsync("postgres", "SELECT sum(sessions) FROM pg_stat_database");
    var start = new ProcessStartInfo(cutover[0]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = work };
    foreach (var argument in cutover.Skip(1).Concat(arguments))
    {
        start.ArgumentList.Add(argument);
    }

    var watch = Stopwatch.StartNew();
    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEndAsync();
    var error = process.StandardError.ReadToEndAsync();
    long peakRss = 0, peakConnections = 0;
    await using var probe = server.CreateDataSource("postgres");
    while (!process.HasExited)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    peakRss = Math.Max(peakRss, long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
                }
            }
        }
        catch (IOException)
        {
        }

        await using (var count = probe.CreateCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'cutover' AND backend_type = 'client backend'"))
        {
            peakConnections = Math.Max(peakConnections, (long)(await count.ExecuteScalarAsync())!);
        }

        await Task.Delay(20);
    }

    await process.WaitForExitAsync();
    var elapsed = watch.Elapsed;
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"cutover {string.Join(' ', arguments)} exited {process.ExitCode}\n{await output}\n{await error}");
    }

    await ExecuteAsync("postgres", "SELECT pg_stat_force_next_flush()");
    await Task.Delay(1200);
    var sessions = await ScalarAsync("postgres", "SELECT sum(sessions) FROM pg_stat_database") - sessionsBefore;
    return (elapsed, peakRss, peakConnections, sessions);
}

var report = new StringBuilder();
report.AppendLine($"PostgreSQL {server.MajorVersion} on /dev/shm; {Environment.ProcessorCount} cores; {databases} databases + {schemas} schemas = {total} targets; cutover = {string.Join(' ', cutover.Select(Path.GetFileName))}");

// 1. fleet upgrade, pre then post, at --parallel 8.
var pre = await RunAsync("fleet", "upgrade", "--fleet", fleetFile, "--phase", "pre", "--parallel", "8");
var post = await RunAsync("fleet", "upgrade", "--fleet", fleetFile, "--phase", "post", "--parallel", "8");
var journals = 0L;
for (var i = 1; i <= databases; i++)
{
    journals += await ScalarAsync($"tdb_{i:0000}", "SELECT count(*) FROM cutover_migrations WHERE state = 'succeeded'");
}

for (var i = 1; i <= schemas; i++)
{
    journals += await ScalarAsync("app", $"SELECT count(*) FROM tenant_{i:0000}.cutover_migrations WHERE state = 'succeeded'");
}

report.AppendLine($"fleet upgrade --parallel 8: pre {pre.Elapsed.TotalSeconds:0.0} s, post {post.Elapsed.TotalSeconds:0.0} s; journal rows {journals} (expected {2 * total})");

// 2. The shell loop: `cutover upgrade` per target and phase, over a sample of fresh targets of both kinds.
var loopWatch = Stopwatch.StartNew();
var loopTargets = 0;
foreach (var phase in new[] { "pre", "post" })
{
    for (var i = 1; i <= loopSample / 2; i++)
    {
        await TimedProcessRunAsync(["upgrade", "-c", server.ConnectionString($"loop_{i:0000}"), "--phase", phase]);
        await TimedProcessRunAsync(["upgrade", "-c", server.ConnectionString("app") + $";Search Path=loop_{i:0000},public",
            "--table", $"loop_{i:0000}.cutover_migrations", "--phase", phase]);
    }
}

loopTargets = 2 * (loopSample / 2);
var loopPerTarget = loopWatch.Elapsed.TotalMilliseconds / loopTargets;
var fleetPerTarget = (pre.Elapsed + post.Elapsed).TotalMilliseconds / total;
report.AppendLine($"shell loop of cutover upgrade: {loopTargets} targets x 2 phases in {loopWatch.Elapsed.TotalSeconds:0.0} s = {loopPerTarget:0} ms per target (both phases); fleet: {fleetPerTarget:0.0} ms per target; ratio {loopPerTarget / fleetPerTarget:0.0}x");

// 3. Throughput per --parallel: each level applies one new pre-migration to every target.
report.AppendLine();
report.AppendLine("| --parallel | targets | seconds | targets/s | peak RSS (MB) | peak connections | connections opened |");
report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
var step = 1;
foreach (var parallel in new[] { 1, 2, 4, 8, 16 })
{
    File.WriteAllText(Path.Combine(migrations, $"02.00.00_{step:00}_pre_column.sql"), $"ALTER TABLE items ADD COLUMN c{step} int;");
    step++;
    var run = await RunAsync("fleet", "upgrade", "--fleet", fleetFile, "--phase", "pre", "--parallel", parallel.ToString());
    report.AppendLine($"| {parallel} | {total} | {run.Elapsed.TotalSeconds:0.0} | {total / run.Elapsed.TotalSeconds:0} | {run.PeakRssKb / 1024.0:0} | {run.PeakConnections} | {run.Sessions} |");
    Console.Error.WriteLine(report.ToString().Split('\n')[^2]);
}

var status = await RunAsync("fleet", "status", "--fleet", fleetFile, "--parallel", "16");
report.AppendLine();
report.AppendLine($"fleet status --parallel 16 over {total} targets: {status.Elapsed.TotalSeconds:0.0} s");
Console.WriteLine(report);
Directory.Delete(work, recursive: true);

async Task TimedProcessRunAsync(string[] arguments)
{
    var start = new ProcessStartInfo(cutover[0]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = work };
    foreach (var argument in cutover.Skip(1).Concat(arguments))
    {
        start.ArgumentList.Add(argument);
    }

    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEndAsync();
    var error = process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"cutover {string.Join(' ', arguments)} exited {process.ExitCode}\n{await output}\n{await error}");
    }
}

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Cutover.slnx")))
        {
            return dir.FullName;
        }
    }

    throw new DirectoryNotFoundException("Cutover.slnx not found");
}
