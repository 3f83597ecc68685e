namespace Cutover.Cli;

/// <summary>Remembers that SIGTERM arrived, so that the exit code can say so (143) rather than Ctrl+C's 130.</summary>
internal sealed class TerminationSignal
{
    private int _received;

    public bool Received => Volatile.Read(ref _received) == 1;

    public void Receive() => Volatile.Write(ref _received, 1);
}
