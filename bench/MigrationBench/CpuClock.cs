using System.Globalization;
using Cutover.Testing;

namespace MigrationBench;

/// <summary>CPU time spent by this process, the programs it started (once they exit), and the PostgreSQL server
/// (the postmaster, its live children, and the children it reaped: every backend that served a run). On a machine
/// shared with other builds, wall time swings with their load; the CPU a run costs, client and server together,
/// swings far less, so the table gives both.</summary>
internal sealed class CpuClock(int postmaster)
{
    // USER_HZ: the unit of the times in /proc/*/stat, 100 on every Linux this runs on.
    private const double TicksPerSecond = 100;

    public static CpuClock ForServer(ThrowawayServer server) => new(int.Parse(
        File.ReadLines(Path.Combine(server.SocketDirectory, "data", "postmaster.pid")).First(),
        CultureInfo.InvariantCulture));

    /// <summary>The CPU time spent so far, in milliseconds.</summary>
    public double ReadMilliseconds()
    {
        // Own time plus that of waited-for children (psql, the CLI, grate, dbmate); then the server's tree.
        var ticks = Times("/proc/self/stat") is { } self ? self.Own + self.Children : 0;
        if (Times($"/proc/{postmaster}/stat") is { } server)
        {
            ticks += server.Own + server.Children;
        }

        // The postmaster is single-threaded, so its main thread's children are all of them (a list, not a /proc scan:
        // reading hundreds of stat files would cost this process CPU inside the measurement).
        foreach (var child in ReadChildren().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Times($"/proc/{child}/stat") is { } backend)
            {
                ticks += backend.Own;
            }
        }

        return ticks * 1000 / TicksPerSecond;
    }

    /// <summary>How many processes the server has now: its background processes and one per open connection.</summary>
    public int CountServerProcesses() => ReadChildren().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>Waits (a second at most) until the server is back to <paramref name="processes"/> processes, so the
    /// backends of a run that just ended have exited and been reaped, and their CPU is in the postmaster's
    /// account.</summary>
    public async Task SettleAsync(int processes)
    {
        for (var waited = 0; waited < 1000 && CountServerProcesses() > processes; waited += 5)
        {
            await Task.Delay(5);
        }
    }

    private string ReadChildren()
    {
        try
        {
            return File.ReadAllText($"/proc/{postmaster}/task/{postmaster}/children");
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static (long Own, long Children)? Times(string path)
    {
        string stat;
        try
        {
            stat = File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null; // the process exited between listing and reading
        }

        // After the command name in parentheses (which may hold spaces): field 3 (state) onwards; utime is field 14.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        return (Field(14) + Field(15), Field(16) + Field(17));
    }
}
