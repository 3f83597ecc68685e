using System.Diagnostics;
using System.Globalization;
using Cutover.Testing;
using MigrationBench.Peers;
using Npgsql;

namespace MigrationBench;

/// <summary>Runs every approach against a fresh database of one server, interleaved: each repetition runs every
/// approach once (starting one further along each time), each right after a run of the floor (the first peer), so
/// load swings hit them all alike.</summary>
internal sealed class BenchRun(ThrowawayServer server, GeneratedMigrations migrations, IReadOnlyList<IPeer> peers)
{
    private readonly Dictionary<IPeer, Measurement> _measurements = peers.ToDictionary(p => p, _ => new Measurement());
    private int _runs;

    /// <summary>One unmeasured run of each library, so the table shows them warm (an application pays the JIT once
    /// per process); returns what those cold first runs took.</summary>
    public async Task<IReadOnlyDictionary<IPeer, double>> WarmUpAsync()
    {
        var cold = new Dictionary<IPeer, double>();
        foreach (var peer in peers.Where(p => p.RunsInProcess))
        {
            cold[peer] = (await MeasureAsync(peer)).Apply;
        }

        return cold;
    }

    public async Task RepeatAsync(int repetition)
    {
        var others = peers.Skip(1).ToList();
        var first = repetition % others.Count;
        foreach (var peer in others.Skip(first).Concat(others.Take(first)))
        {
            // The floor runs right before each approach, and the ratio is taken against that run: on a machine shared
            // with other builds the load changes within seconds, and a ratio of neighbours cancels most of it.
            var (floor, _) = await MeasureAsync(peers[0]);
            _measurements[peers[0]].Apply.Add(floor);
            _measurements[peers[0]].Ratios.Add(1);
            var (apply, noOp) = await MeasureAsync(peer);
            _measurements[peer].Apply.Add(apply);
            _measurements[peer].Ratios.Add(apply / floor);
            if (noOp is { } value)
            {
                _measurements[peer].NoOp.Add(value);
            }

            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {repetition + 1}: {peer.Name}: {apply:0} ms ({apply / floor:0.00}x the floor's {floor:0} ms){(noOp is null ? "" : $", no-op {noOp:0} ms")}"));
        }
    }

    public void Print(TextWriter output)
    {
        output.WriteLine($"| approach | apply {migrations.Count}, median | x floor, median | no-op run, median |");
        output.WriteLine("|---|---:|---:|---:|");
        foreach (var peer in peers)
        {
            var measurement = _measurements[peer];
            var noOp = measurement.NoOp.Count == 0 ? "-" : $"{Measurement.Median(measurement.NoOp):N0} ms";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {peer.Name} | {Measurement.Median(measurement.Apply):N0} ms | {Measurement.Median(measurement.Ratios):0.00}x | {noOp} |"));
        }
    }

    private async Task<(double Apply, double? NoOp)> MeasureAsync(IPeer peer)
    {
        var database = await server.CreateDatabaseAsync();
        // No pooled connection survives from one run to the next: a deploy starts with none.
        NpgsqlConnection.ClearAllPools();
        var apply = await TimeAsync(() => peer.ApplyAsync(RunTarget.Create(server, database, ++_runs)));
        await VerifyAsync(peer, database);
        double? noOp = null;
        if (peer.KeepsHistory)
        {
            NpgsqlConnection.ClearAllPools();
            noOp = await TimeAsync(() => peer.ApplyAsync(RunTarget.Create(server, database, ++_runs)));
            await VerifyAsync(peer, database);
        }

        NpgsqlConnection.ClearAllPools();
        await server.DropDatabaseAsync(database);
        return (apply, noOp);
    }

    private async Task VerifyAsync(IPeer peer, string database)
    {
        await using var dataSource = server.CreateDataSource(database);
        await using var command = dataSource.CreateCommand(GeneratedMigrations.CountObjectsSql);
        var found = Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        if (found != migrations.Count)
        {
            throw new InvalidOperationException(
                $"{peer.Name}: {found} of {migrations.Count} migrations left their object in {database}");
        }
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
