using System.Globalization;
using Cutover.Fleet;

namespace Cutover.Cli.Output;

/// <summary>Live output of a fleet run. On a terminal: one bar, redrawn in place at most ten times a second (done,
/// failed, running, rate, ETA), with a line above it for each failure. Elsewhere (CI logs, pipes): a plain line per
/// target as it ends. Reports come from several workers at once, so every write is under a lock.</summary>
internal sealed class FleetProgressLines(TextWriter output, bool terminal) : IProgress<FleetProgress>, IDisposable
{
    private static readonly TimeSpan s_redraw = TimeSpan.FromMilliseconds(100);
    private readonly Lock _lock = new();
    private readonly long _started = TimeProvider.System.GetTimestamp();
    private long _lastDraw;
    private int _doneAtStart = -1;
    private string? _runId;
    private FleetProgress? _last;

    /// <summary>Whether <paramref name="output"/> is this process's console and the console is a terminal.</summary>
    public static bool IsTerminal(TextWriter output) => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

    public void Report(FleetProgress value)
    {
        lock (_lock)
        {
            if (_runId is null)
            {
                _runId = value.RunId;
                _doneAtStart = value.Done + value.Failed;
                output.WriteLine($"Fleet run {value.RunId}: {value.Total} target(s)");
            }

            _last = value;
            if (terminal)
            {
                if (value.State == FleetTargetState.Failed)
                {
                    output.Write("\r\x1b[K");
                    output.WriteLine($"FAILED {value.Target}: {value.Error}");
                }

                var now = TimeProvider.System.GetTimestamp();
                if (value.State == FleetTargetState.Failed || TimeProvider.System.GetElapsedTime(_lastDraw, now) >= s_redraw)
                {
                    _lastDraw = now;
                    Draw(value);
                }
            }
            else if (value.State == FleetTargetState.Done)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"done   {value.Target} ({value.Applied} script(s), {value.Elapsed.TotalMilliseconds:0} ms) [{value.Done + value.Failed}/{value.Total}]"));
            }
            else if (value.State == FleetTargetState.Failed)
            {
                output.WriteLine($"FAILED {value.Target}: {value.Error} [{value.Done + value.Failed}/{value.Total}]");
            }

            output.Flush();
        }
    }

    /// <summary>Draws the bar one last time and ends its line.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (terminal && _last is not null)
            {
                Draw(_last);
                output.WriteLine();
                output.Flush();
                _last = null;
            }
        }
    }

    private void Draw(FleetProgress value)
    {
        const int width = 30;
        var finished = value.Done + value.Failed;
        var filled = value.Total == 0 ? width : (int)((long)finished * width / value.Total);
        var elapsed = TimeProvider.System.GetElapsedTime(_started).TotalSeconds;
        var rate = elapsed > 0 ? (finished - _doneAtStart) / elapsed : 0;
        var eta = rate > 0 ? TimeSpan.FromSeconds((value.Total - finished) / rate) : (TimeSpan?)null;
        output.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r\x1b[K[{new string('#', filled)}{new string('.', width - filled)}] {finished}/{value.Total}  done {value.Done}  failed {value.Failed}  running {value.Running}  {rate:0.0}/s  ETA {(eta is { } e ? e.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "--:--:--")}"));
    }
}
