using System.Diagnostics;

namespace Cutover.Hangfire.Tests;

/// <summary>Runs the HangfireNode program (one Hangfire server) as a child process, so that a test can kill it.</summary>
public static class NodeProcess
{
    private static readonly string s_program = Path.Combine(AppContext.BaseDirectory, "HangfireNode.dll");

    public static Process Start(string connectionString, string name, TimeSpan? lease = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(s_program);
        start.ArgumentList.Add(connectionString);
        start.ArgumentList.Add(name);
        if (lease is { } l)
        {
            start.ArgumentList.Add(l.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        // Keep the machine's libpq settings out of the tests.
        foreach (var key in new[] { "PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGPASSWORD", "PGSERVICE", "PGSERVICEFILE", "PGPASSFILE" })
        {
            start.Environment.Remove(key);
        }

        return Process.Start(start)!;
    }
}
