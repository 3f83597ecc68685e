using Cutover.PostDeploy;

namespace Cutover.Cli.Output;

/// <summary>The live progress line of a backfill: rewritten in place on a terminal, a line every few seconds in a log.</summary>
internal sealed class BackfillProgressLine(TextWriter output, bool interactive, TimeProvider time) : IProgress<PostDeployProgress>
{
    private readonly Lock _gate = new();
    private long _lastWritten = long.MinValue;
    private bool _open;

    public void Report(PostDeployProgress value)
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            // A terminal can take a line ten times a second; a CI log wants one every few seconds at most.
            var every = interactive ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(2);
            if (_lastWritten != long.MinValue && time.GetElapsedTime(_lastWritten, now) < every && value.RowsDone != value.RowsTotal)
            {
                return;
            }

            _lastWritten = now;
            var line = Format(value);
            if (interactive)
            {
                output.Write("\r" + line.PadRight(100));
                _open = true;
            }
            else
            {
                output.WriteLine(line);
            }

            output.Flush();
        }
    }

    /// <summary>Ends the rewritten line so the next output starts on its own.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            if (_open)
            {
                output.WriteLine();
                _open = false;
            }
        }
    }

    internal static string Format(PostDeployProgress value)
    {
        var total = value.RowsTotal is { } t && t > 0 ? t : (long?)null;
        var share = total is { } all ? $" ({100.0 * value.RowsDone / all:0.0}%)" : "";
        var rate = value.RowsPerSecond is { } r ? $", {r:N0} rows/s" : "";
        var eta = value.EstimatedRemaining is { } e ? $", {Math.Ceiling(e.TotalSeconds):0} s left" : "";
        return $"  {value.Item}: {value.RowsDone:N0}{(total is { } n ? $"/{n:N0}" : "")} rows{share}{rate}{eta}";
    }
}
