using System.Globalization;

namespace Cutover.Execution;

/// <summary>The server session that holds the deploy lock, as <c>pg_stat_activity</c> shows it.</summary>
/// <param name="BackendPid">The holder's server process id (<c>pg_stat_activity.pid</c>).</param>
/// <param name="ApplicationName">Its application name; Cutover adds the holder's host and process id. Null when the
/// server hides other roles' sessions.</param>
/// <param name="ClientAddress">The address it connected from; null over a Unix socket (or a pooler's own socket).</param>
/// <param name="Since">When the holder took the lock (the start of its lock transaction).</param>
public sealed record DeployLockHolder(int BackendPid, string? ApplicationName, string? ClientAddress, DateTimeOffset? Since)
{
    /// <summary>One line for a log or an error: <c>backend 4242 'cutover [pod-7 pid 1]' from 10.0.0.3</c>.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"backend {BackendPid}{(ApplicationName is null ? "" : $" '{ApplicationName}'")}" +
        $"{(ClientAddress is null ? "" : $" from {ClientAddress}")}");
}
