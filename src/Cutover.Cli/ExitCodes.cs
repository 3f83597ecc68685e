namespace Cutover.Cli;

/// <summary>Every exit code the <c>cutover</c> command returns; docs/cli.md lists the same.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>A script failed, a run was refused, or drift or differences were found.</summary>
    public const int Failed = 1;

    /// <summary>Usage error, bad script names, unreadable files, invalid configuration.</summary>
    public const int InputError = 2;

    /// <summary>Cannot connect, or the deploy lock was not obtained in time.</summary>
    public const int Unavailable = 3;

    /// <summary>Interrupted by SIGINT (Ctrl+C): the running statement was cancelled and its script rolled back.</summary>
    public const int Interrupted = 130;

    /// <summary>Terminated by SIGTERM (what Kubernetes sends a pod): as <see cref="Interrupted"/>.</summary>
    public const int Terminated = 143;
}
