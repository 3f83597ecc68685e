using System.Diagnostics;
using System.Globalization;
using System.Text;
using Cutover.Bench;
using Cutover.Inspection;
using Cutover.Testing;
using Npgsql;

// Generates a schema of N tables (indexes, constraints, a view, a function and a trigger each) on a throwaway server
// in /dev/shm, then times SchemaInspector and pg_dump --schema-only against it, interleaved, and prints the medians.
// With --cli CMD (the native binary, or "dotnet src/Cutover.Cli/bin/Release/net10.0/Cutover.Cli.dll") it copies the
// database and times `cutover diff` of the two against two pg_dump --schema-only, one per database (CliDiffBench).
// Usage: dotnet run -c Release --project bench/InspectionBench [-- TABLES REPETITIONS] [--cli CMD]
var positional = new List<int>();
string? cli = null;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--cli" && i + 1 < args.Length)
    {
        cli = args[++i];
    }
    else if (int.TryParse(args[i], CultureInfo.InvariantCulture, out var number))
    {
        positional.Add(number);
    }
    else
    {
        Console.Error.WriteLine($"unknown argument {args[i]}: expected [TABLES [REPETITIONS]] [--cli CMD]");
        return 2;
    }
}

var tables = positional.Count > 0 ? positional[0] : 2000;
var repetitions = positional.Count > 1 ? positional[1] : 7;

await using var server = await ThrowawayServer.StartAsync(new ThrowawayServerOptions { ParentDirectory = "/dev/shm" });
var database = await server.CreateDatabaseAsync("bench");
await using (var dataSource = server.CreateDataSource(database))
{
    var generate = Stopwatch.StartNew();
    await using var connection = await dataSource.OpenConnectionAsync();
    await using (var setup = new NpgsqlCommand(
        "CREATE TYPE status AS ENUM ('new', 'active', 'done'); " +
        "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$",
        connection))
    {
        await setup.ExecuteNonQueryAsync();
    }

    const int chunk = 100;
    for (var start = 0; start < tables; start += chunk)
    {
        var sql = new StringBuilder();
        for (var i = start; i < Math.Min(tables, start + chunk); i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $"""
                CREATE TABLE t{i} (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    name text NOT NULL,
                    parent_id bigint{(i == 0 ? "" : $" REFERENCES t{i - 1} (id) ON DELETE SET NULL")},
                    amount numeric(10,2) NOT NULL DEFAULT 0 CHECK (amount >= 0),
                    state status NOT NULL DEFAULT 'new',
                    code varchar(32) UNIQUE,
                    created_at timestamptz NOT NULL DEFAULT now(),
                    updated_at timestamptz
                );
                CREATE INDEX t{i}_name ON t{i} (name);
                CREATE INDEX t{i}_active ON t{i} (created_at DESC) WHERE state = 'active';
                CREATE VIEW t{i}_summary AS SELECT state, count(*) AS n, sum(amount) AS total FROM t{i} GROUP BY state;
                CREATE FUNCTION t{i}_total(p_state status) RETURNS numeric LANGUAGE sql STABLE
                    AS $$ SELECT coalesce(sum(amount), 0) FROM t{i} WHERE state = p_state $$;
                CREATE TRIGGER t{i}_touch BEFORE UPDATE ON t{i} FOR EACH ROW EXECUTE FUNCTION touch();
                COMMENT ON TABLE t{i} IS 'generated table {i}';

                """);
        }

        await using var command = new NpgsqlCommand(sql.ToString(), connection);
        await command.ExecuteNonQueryAsync();
    }

    await using (var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection))
    {
        await analyze.ExecuteNonQueryAsync();
    }

    Console.WriteLine($"generated {tables} tables in {generate.Elapsed.TotalSeconds:F1} s");
}

var pgDump = BenchPrograms.Locate(server.BinDirectory, "pg_dump");
Console.WriteLine($"pg_dump: {pgDump}");
if (cli is not null)
{
    await CliDiffBench.RunAsync(server, database, tables, pgDump, cli.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        repetitions);
    return 0;
}

var inspector = new SchemaInspector();
SchemaModel? model = null;

async Task<TimeSpan> InspectAsync()
{
    // A fresh data source per run, so each run pays for its connection as pg_dump does.
    var watch = Stopwatch.StartNew();
    await using var dataSource = server.CreateDataSource(database);
    model = await inspector.InspectAsync(dataSource);
    return watch.Elapsed;
}

async Task<TimeSpan> DumpAsync() =>
    (await TimedProcess.RunAsync([pgDump], CliDiffBench.SchemaDumpArguments(server, database))).Elapsed;

// Warm-up: JIT for the inspector, file cache for pg_dump.
await InspectAsync();
await DumpAsync();

var inspections = new Timings();
var dumps = new Timings();
for (var i = 0; i < repetitions; i++)
{
    inspections.Add(await InspectAsync());
    dumps.Add(await DumpAsync());
}

var m = model!;
Console.WriteLine(
    $"model: {m.Tables.Length} tables, {m.Columns.Length} columns, {m.Constraints.Length} constraints, " +
    $"{m.Indexes.Length} indexes, {m.Views.Length} views, {m.Routines.Length} routines, {m.Triggers.Length} triggers");
Console.WriteLine($"PostgreSQL {server.MajorVersion}, {Environment.ProcessorCount} cores, {repetitions} repetitions");
Console.WriteLine($"SchemaInspector.InspectAsync: median {inspections.Median:F0} ms  (runs: {inspections.Runs})");
Console.WriteLine($"pg_dump --schema-only:        median {dumps.Median:F0} ms  (runs: {dumps.Runs})");
Console.WriteLine($"ratio pg_dump / inspector: {dumps.Median / inspections.Median:F2}");
return 0;
