using System.Runtime.InteropServices;

namespace Cutover.Cli;

/// <summary>Turns SIGTERM (what Kubernetes sends a pod) and SIGINT (Ctrl+C) into cancellation of the running command,
/// and remembers which one came so that the exit code can say so: 143 or 130.</summary>
/// <remarks>Cancellation makes Npgsql send the server a cancel request for the running statement; the script's
/// transaction rolls back and the deploy lock is released on the way out. Should that hang (a server that does not
/// answer), the process exits anyway <see cref="GracePeriod"/> after the signal.</remarks>
internal sealed class TerminationSignals : IDisposable
{
    /// <summary>How long a signalled command may take to roll back before the process exits regardless.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _cancellation;
    private readonly PosixSignalRegistration _terminate;
    private readonly PosixSignalRegistration _interrupt;
    private int _exitCode;

    public TerminationSignals(CancellationToken cancellationToken)
    {
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Receive);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Receive);
    }

    /// <summary>Cancelled when a signal arrives (or the caller's token is).</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <summary>143 after SIGTERM, 130 after SIGINT, null when no signal came.</summary>
    public int? ExitCode => Volatile.Read(ref _exitCode) is var code and > 0 ? code : null;

    public void Dispose()
    {
        _terminate.Dispose();
        _interrupt.Dispose();
        _cancellation.Dispose();
    }

    private void Receive(PosixSignalContext context)
    {
        // The default action would end the process at once, before the statement is cancelled and rolled back.
        context.Cancel = true;
        var code = context.Signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted;
        if (Interlocked.CompareExchange(ref _exitCode, code, 0) != 0)
        {
            return; // a second signal changes nothing
        }

        _cancellation.Cancel();
        _ = Task.Delay(GracePeriod).ContinueWith(_ => Environment.Exit(code), TaskScheduler.Default);
    }
}
