using System.Diagnostics;
using System.Globalization;
using Cutover.Testing;
using MigrationBench.Peers;
using Npgsql;

namespace MigrationBench;

/// <summary>Runs every approach against a fresh database of one server, interleaved: each repetition runs every
/// approach once (starting one further along each time), each right after a run of the floor (the first peer), so
/// load swings hit them all alike.</summary>
internal sealed class BenchRun(ThrowawayServer server, MigrationWorkspace migrations, IReadOnlyList<IPeer> peers)
{
    private readonly Dictionary<IPeer, Measurement> _measurements = peers.ToDictionary(p => p, _ => new Measurement());
    private int _runs;

    private readonly CpuClock _cpu = CpuClock.ForServer(server);

    /// <summary>One unmeasured run of each library, so the table shows them warm (an application pays the JIT once
    /// per process); returns what those cold first runs took.</summary>
    public async Task<IReadOnlyDictionary<IPeer, double>> WarmUpAsync()
    {
        var cold = new Dictionary<IPeer, double>();
        foreach (var peer in peers.Where(p => p.RunsInProcess))
        {
            cold[peer] = (await MeasureAsync(peer)).Apply.Wall;
        }

        return cold;
    }

    public async Task RepeatAsync(int repetition, CancellationToken stop)
    {
        var others = peers.Skip(1).ToList();
        var first = repetition % others.Count;
        foreach (var peer in others.Skip(first).Concat(others.Take(first)).TakeWhile(_ => !stop.IsCancellationRequested))
        {
            // The floor runs right before each approach, and the ratio is taken against that run: on a machine shared
            // with other builds the load changes within seconds, and a ratio of neighbours cancels most of it.
            var (floor, _) = await MeasureAsync(peers[0]);
            _measurements[peers[0]].Add(floor, floor, null);
            var (apply, noOp) = await MeasureAsync(peer);
            _measurements[peer].Add(apply, floor, noOp);
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {repetition + 1}: {peer.Name}: {apply.Wall:0} ms, CPU {apply.Cpu:0} ms ({apply.Wall / floor.Wall:0.00}x, CPU {apply.Cpu / floor.Cpu:0.00}x the floor's {floor.Wall:0} ms, CPU {floor.Cpu:0} ms){(noOp is { } n ? $", no-op {n.Wall:0} ms" : "")}"));
        }
    }

    public void Print(TextWriter output)
    {
        output.WriteLine($"| approach | apply {migrations.Count}, median | x floor | CPU, client + server | CPU x floor | no-op run |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var peer in peers.Where(p => _measurements[p].Apply.Count > 0))
        {
            var m = _measurements[peer];
            var noOp = m.NoOp.Count == 0 ? "-" : $"{Measurement.Median(m.NoOp):N0} ms";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {peer.Name} | {Measurement.Median(m.Apply):N0} ms | {Measurement.Median(m.Ratios):0.00}x | {Measurement.Median(m.ApplyCpu):N0} ms | {Measurement.Median(m.CpuRatios):0.00}x | {noOp} |"));
        }
    }

    private async Task<(RunTime Apply, RunTime? NoOp)> MeasureAsync(IPeer peer)
    {
        var database = await server.CreateDatabaseAsync();
        // No pooled connection survives from one run to the next: a deploy starts with none.
        NpgsqlConnection.ClearAllPools();
        var apply = await TimeAsync(() => peer.ApplyAsync(RunTarget.Create(server, database, ++_runs)));
        await VerifyAsync(peer, database);
        RunTime? noOp = null;
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
        await using var command = dataSource.CreateCommand(MigrationWorkspace.CountObjectsSql);
        var found = Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        if (found != migrations.Count)
        {
            throw new InvalidOperationException(
                $"{peer.Name}: {found} of {migrations.Count} migrations left their object in {database}");
        }
    }

    private async Task<RunTime> TimeAsync(Func<Task> action)
    {
        var processes = _cpu.CountServerProcesses();
        var cpu = _cpu.ReadMilliseconds();
        var started = Stopwatch.GetTimestamp();
        await action();
        var wall = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        // The run's connections are closed and their backends gone before the CPU is read: a backend still exiting
        // would be counted half, and the work it did belongs to this run.
        NpgsqlConnection.ClearAllPools();
        await _cpu.SettleAsync(processes);
        return new RunTime(wall, _cpu.ReadMilliseconds() - cpu);
    }
}
