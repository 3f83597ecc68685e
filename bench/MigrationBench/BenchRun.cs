using System.Diagnostics;
using System.Globalization;
using Cutover.Testing;
using MigrationBench.Peers;
using Npgsql;

namespace MigrationBench;

/// <summary>Runs every approach against a fresh database of one server, interleaved: each repetition runs every
/// approach once (starting one further along each time), so load swings hit them all alike.</summary>
internal sealed class BenchRun(ThrowawayServer server, GeneratedMigrations migrations, IReadOnlyList<IPeer> peers)
{
    private readonly Dictionary<IPeer, Measurement> _measurements = peers.ToDictionary(p => p, _ => new Measurement());

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
        var first = repetition % peers.Count;
        foreach (var peer in peers.Skip(first).Concat(peers.Take(first)))
        {
            var (apply, noOp) = await MeasureAsync(peer);
            _measurements[peer].Apply.Add(apply);
            if (noOp is { } value)
            {
                _measurements[peer].NoOp.Add(value);
            }

            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {repetition + 1}: {peer.Name}: {apply:0} ms{(noOp is null ? "" : $", no-op {noOp:0} ms")}"));
        }
    }

    public void Print(TextWriter output)
    {
        var floor = Measurement.Median(_measurements[peers[0]].Apply);
        output.WriteLine($"| approach | apply {migrations.Count}, median | x floor | no-op run, median |");
        output.WriteLine("|---|---:|---:|---:|");
        foreach (var peer in peers)
        {
            var measurement = _measurements[peer];
            var apply = Measurement.Median(measurement.Apply);
            var noOp = measurement.NoOp.Count == 0 ? "-" : $"{Measurement.Median(measurement.NoOp):N0} ms";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {peer.Name} | {apply:N0} ms | {apply / floor:0.00}x | {noOp} |"));
        }
    }

    private async Task<(double Apply, double? NoOp)> MeasureAsync(IPeer peer)
    {
        var database = await server.CreateDatabaseAsync();
        // No pooled connection survives from one run to the next: a deploy starts with none.
        NpgsqlConnection.ClearAllPools();
        var apply = await TimeAsync(() => peer.ApplyAsync(database));
        await VerifyAsync(peer, database);
        double? noOp = null;
        if (peer.KeepsHistory)
        {
            NpgsqlConnection.ClearAllPools();
            noOp = await TimeAsync(() => peer.ApplyAsync(database));
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
