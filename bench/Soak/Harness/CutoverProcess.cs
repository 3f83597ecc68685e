using System.Diagnostics;

namespace Cutover.Soak;

/// <summary>One running <c>cutover</c> process with both output streams drained, so it never blocks on a full pipe.
/// </summary>
internal sealed class CutoverProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private CutoverProcess(string label, Process process)
    {
        Label = label;
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The name it goes by in reports and in <c>pg_stat_activity.application_name</c>.</summary>
    public string Label { get; }

    /// <summary>Whether the soak sent it SIGKILL while it was running.</summary>
    public bool Killed { get; private set; }

    /// <summary>Whether it outlived the deadline (and was then killed).</summary>
    public bool Hung { get; private set; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <c>cutover ARGS</c> through <paramref name="cutover"/>, with the machine's libpq settings kept
    /// out.</summary>
    public static CutoverProcess Start(string label, IReadOnlyList<string> cutover, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(cutover[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in cutover.Skip(1).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in new[] { "PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGPASSWORD", "PGSERVICE", "PGSERVICEFILE", "PGPASSFILE", "PGOPTIONS" })
        {
            start.Environment.Remove(key);
        }

        return new CutoverProcess(label, Process.Start(start)!);
    }

    /// <summary>Runs <c>cutover ARGS</c> to its end.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        IReadOnlyList<string> cutover, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        using var process = Start("recovery", cutover, arguments);
        await process.WaitAsync(cancellationToken);
        return (process.ExitCode, await process.OutputAsync(), await process.ErrorAsync());
    }

    /// <summary>SIGKILL, now: no chance to roll back, release a lock or update the journal. Does nothing to a process
    /// that has already exited.</summary>
    public bool Kill()
    {
        if (_process.HasExited)
        {
            return false;
        }

        _process.Kill(entireProcessTree: false);
        Killed = true;
        return true;
    }

    public Task WaitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Waits at most <paramref name="deadline"/>; past it, kills the process and marks it hung.</summary>
    public async Task WaitAsync(TimeSpan deadline, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Hung = true;
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(cancellationToken);
        }
    }

    public Task<string> OutputAsync() => _stdout;

    public Task<string> ErrorAsync() => _stderr;

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
