using System.Runtime.InteropServices;

namespace Cutover.Cli.Tests;

/// <summary>Sends POSIX signals to a child process, as Kubernetes (SIGTERM) or a terminal (SIGINT) would.</summary>
public static class Signals
{
    public const int Interrupt = 2;
    public const int Terminate = 15;

    public static void Send(int pid, int signal)
    {
        if (kill(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
