using System.Diagnostics;

namespace Cutover.Testing;

/// <summary>Starts server programs (initdb, pg_ctl, pgbouncer, psql), as the service account when this process is
/// root.</summary>
internal static class ExternalProgram
{
    public static bool IsRoot => string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    public static async Task<string> RunAsync(
        string program, IReadOnlyList<string> arguments, string? runAs, CancellationToken cancellationToken)
    {
        var start = StartInfo(program, arguments, runAs);
        int exitCode;
        string output;
        try
        {
            (exitCode, output) = await ChildProcess.RunAsync(start, cancellationToken).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ThrowawayServerException($"{program}: could not be started ({e.Message})");
        }

        if (exitCode != 0)
        {
            throw new ThrowawayServerException($"{Path.GetFileName(program)} exited with {exitCode}: {output.Trim()}");
        }

        return output;
    }

    /// <summary>How to start <paramref name="program"/> with <paramref name="arguments"/>, as
    /// <paramref name="runAs"/> when that is not null.</summary>
    public static ProcessStartInfo StartInfo(string program, IReadOnlyList<string> arguments, string? runAs)
    {
        var start = new ProcessStartInfo();
        if (runAs is not null)
        {
            // PostgreSQL and PgBouncer refuse to run as root; runuser switches account without asking for a password.
            start.FileName = "runuser";
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(runAs);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(program);
        }
        else
        {
            start.FileName = program;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
