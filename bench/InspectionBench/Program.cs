using System.Diagnostics;
using System.Globalization;
using System.Text;
using Cutover.Inspection;
using Cutover.Testing;
using Npgsql;

// Generates a schema of N tables (indexes, constraints, a view, a function and a trigger each) on a throwaway server
// in /dev/shm, then times SchemaInspector and pg_dump --schema-only against it, interleaved, and prints the medians.
var tables = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var repetitions = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7;

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

var pgDump = LocatePgDump(server.BinDirectory);
Console.WriteLine($"pg_dump: {pgDump}");
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

async Task<TimeSpan> DumpAsync()
{
    var start = new ProcessStartInfo(pgDump)
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        UseShellExecute = false,
    };
    foreach (var argument in new[]
             {
                 "--schema-only", "--no-password", "-h", server.SocketDirectory,
                 "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-U", server.Username, "-d", database,
                 "-f", "/dev/null",
             })
    {
        start.ArgumentList.Add(argument);
    }

    var watch = Stopwatch.StartNew();
    using var process = Process.Start(start)!;
    var error = process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    var elapsed = watch.Elapsed;
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException("pg_dump failed: " + await error);
    }

    return elapsed;
}

// Warm-up: JIT for the inspector, file cache for pg_dump.
await InspectAsync();
await DumpAsync();

var inspections = new List<double>();
var dumps = new List<double>();
for (var i = 0; i < repetitions; i++)
{
    inspections.Add((await InspectAsync()).TotalMilliseconds);
    dumps.Add((await DumpAsync()).TotalMilliseconds);
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

var m = model!;
Console.WriteLine(
    $"model: {m.Tables.Length} tables, {m.Columns.Length} columns, {m.Constraints.Length} constraints, " +
    $"{m.Indexes.Length} indexes, {m.Views.Length} views, {m.Routines.Length} routines, {m.Triggers.Length} triggers");
Console.WriteLine($"PostgreSQL {server.MajorVersion}, {Environment.ProcessorCount} cores, {repetitions} repetitions");
Console.WriteLine($"SchemaInspector.InspectAsync: median {Median(inspections):F0} ms  (runs: {string.Join(", ", inspections.Select(x => x.ToString("F0", CultureInfo.InvariantCulture)))})");
Console.WriteLine($"pg_dump --schema-only:        median {Median(dumps):F0} ms  (runs: {string.Join(", ", dumps.Select(x => x.ToString("F0", CultureInfo.InvariantCulture)))})");
Console.WriteLine($"ratio pg_dump / inspector: {Median(dumps) / Median(inspections):F2}");

// The server's bin folder may hold only symbolic links to initdb and pg_ctl (as /usr/local/bin does here): pg_dump of
// the same version sits beside the link's target.
static string LocatePgDump(string binDirectory)
{
    var beside = Path.Combine(binDirectory, "pg_dump");
    if (File.Exists(beside))
    {
        return beside;
    }

    var initdb = new FileInfo(Path.Combine(binDirectory, "initdb")).ResolveLinkTarget(returnFinalTarget: true);
    var besideTarget = initdb is null ? null : Path.Combine(Path.GetDirectoryName(initdb.FullName)!, "pg_dump");
    return besideTarget is not null && File.Exists(besideTarget) ? besideTarget : "pg_dump";
}
