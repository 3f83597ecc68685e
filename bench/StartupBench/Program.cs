// The start-up budget: what `cutover` costs when it has nothing to do, measured over the whole process, as a deploy
// pipeline pays it on every run (every instance of a rolling deploy runs `cutover upgrade` as it starts).
//
//   dotnet run -c Release --project bench/StartupBench -- [--native PATH] [--tool COMMAND] [--count 500] [--runs 10]
//
// --native: the NativeAOT binary (default .native/cutover, as ./demo builds it; skipped when absent).
// --tool:   the dotnet tool's command line (default: dotnet src/Cutover.Cli/bin/Release/net10.0/Cutover.Cli.dll).
// Budgets (issue 9): `cutover --version` <= 20 ms native; a no-op `status` or `upgrade` on 500 migrations <= 60 ms
// native and <= 250 ms as the dotnet tool. psql connecting and reading the journal is printed beside them as the
// floor of "a process that connects and asks one question". Medians of --runs after one warm-up run; exit 1 when a
// budget is missed, so CI can use it as a gate. Run it on a quiet machine: the budgets are wall-clock milliseconds.
using System.Diagnostics;
using System.Globalization;
using Cutover.Bench;
using Cutover.Benchmarks;
using Cutover.Testing;

var native = Option("--native") ?? ".native/cutover";
var tool = Option("--tool") ?? "dotnet src/Cutover.Cli/bin/Release/net10.0/Cutover.Cli.dll";
var count = int.Parse(Option("--count") ?? "500", CultureInfo.InvariantCulture);
var runs = int.Parse(Option("--runs") ?? "10", CultureInfo.InvariantCulture);

var folder = Directory.CreateTempSubdirectory("cutover-startup-").FullName;
var migrations = Path.Combine(folder, "migrations");
GeneratedMigrations.WriteTo(migrations, count);

await using var server = await ThrowawayServer.StartAsync(new ThrowawayServerOptions { ParentDirectory = "/dev/shm" });
var database = await server.CreateDatabaseAsync();
var connection = server.ConnectionString(database);
var psql = Path.Combine(server.BinDirectory, "psql");

var forms = new List<(string Name, string[] Command, double VersionBudget, double NoOpBudget)>();
if (File.Exists(native))
{
    forms.Add(("native", [Path.GetFullPath(native)], 20, 60));
}
else
{
    Console.WriteLine($"(no native binary at {native}: build it with scripts/publish-native.sh .native)");
}

forms.Add(("dotnet tool", tool.Split(' ', StringSplitOptions.RemoveEmptyEntries), double.NaN, 250));

// Apply once, so that every run below has nothing to do.
var first = forms[0].Command;
await RunAsync(first, ["upgrade", "--phase", "all", "--dir", migrations, "--connection", connection]);

var missed = 0;
Console.WriteLine($"{count} migrations applied; PostgreSQL {server.MajorVersion} on /dev/shm; {Environment.ProcessorCount} cores; " +
    $"load average {LoadAverage()}; median of {runs} runs");
Console.WriteLine();
Console.WriteLine("| form | command | median | min | budget | |");
Console.WriteLine("|---|---|---:|---:|---:|---|");
var floor = await MeasureAsync([psql], ["-X", "-q", "-h", server.SocketDirectory, "-p", server.Port.ToString(CultureInfo.InvariantCulture),
    "-U", server.Username, "-d", database, "-c", "SELECT count(*) FROM cutover_migrations"]);
Console.WriteLine($"| psql | connect, read the journal (the floor) | {floor.Median:0.0} ms | {floor.Min:0.0} ms | | |");
foreach (var (name, command, versionBudget, noOpBudget) in forms)
{
    await ReportAsync(name, command, "--version", ["--version"], versionBudget);
    await ReportAsync(name, command, "status (no-op)", ["status", "--dir", migrations, "--connection", connection], noOpBudget);
    await ReportAsync(name, command, "upgrade (no-op)",
        ["upgrade", "--phase", "all", "--dir", migrations, "--connection", connection], noOpBudget);
}

Directory.Delete(folder, recursive: true);
return missed == 0 ? 0 : 1;

async Task ReportAsync(string form, string[] command, string label, string[] arguments, double budget)
{
    var (median, min) = await MeasureAsync(command, arguments);
    var verdict = double.IsNaN(budget) ? "" : median <= budget ? "within" : "MISSED";
    missed += verdict == "MISSED" ? 1 : 0;
    Console.WriteLine($"| {form} | {label} | {median:0.0} ms | {min:0.0} ms | {(double.IsNaN(budget) ? "" : $"{budget:0} ms")} | {verdict} |");
}

async Task<(double Median, double Min)> MeasureAsync(string[] command, string[] arguments)
{
    await RunAsync(command, arguments);
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await RunAsync(command, arguments);
        times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    times.Sort();
    return (times[times.Count / 2], times[0]);
}

static Task RunAsync(string[] command, string[] arguments) => TimedProcess.RunAsync(command, arguments);

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

string? Option(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
