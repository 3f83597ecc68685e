using System.Text.RegularExpressions;
using Cutover.Testing;
using MigrationBench.Peers;
using Npgsql;

namespace MigrationBench;

/// <summary>What each approach sends, from the server's own log (<c>log_statement = all</c>): a run that applies the
/// migrations and the no-op run after it, per approach, so the transactions, locks and round trips each tool uses can
/// be read rather than guessed.</summary>
internal static partial class StatementTrace
{
    /// <summary>The server settings that make it log every statement with its database and session.</summary>
    public static IReadOnlyDictionary<string, string> ServerSettings { get; } = new Dictionary<string, string>
    {
        ["log_statement"] = "'all'",
        ["log_line_prefix"] = "'%d|%c| '",
    };

    public static async Task PrintAsync(ThrowawayServer server, IEnumerable<IPeer> peers, TextWriter output)
    {
        var log = Path.Combine(server.SocketDirectory, "server.log");
        foreach (var peer in peers)
        {
            var database = await server.CreateDatabaseAsync();
            NpgsqlConnection.ClearAllPools();
            var start = new FileInfo(log).Length;
            await peer.ApplyAsync(RunTarget.Create(server, database, 1));
            NpgsqlConnection.ClearAllPools();
            var applied = new FileInfo(log).Length;
            if (peer.KeepsHistory)
            {
                await peer.ApplyAsync(RunTarget.Create(server, database, 2));
            }

            NpgsqlConnection.ClearAllPools();
            var end = new FileInfo(log).Length;
            output.WriteLine($"## {peer.Name}");
            output.WriteLine("### apply");
            Print(Entries(await ReadAsync(log, start, applied), database), output);
            if (peer.KeepsHistory)
            {
                output.WriteLine("### no-op run");
                Print(Entries(await ReadAsync(log, applied, end), database), output);
            }

            await server.DropDatabaseAsync(database);
        }
    }

    private static void Print(List<string> entries, TextWriter output)
    {
        var sessions = entries.Select(e => e.Split('|')[1]).Distinct().ToList();
        output.WriteLine($"{entries.Count} statements on {sessions.Count} connection(s), S1 = first");
        foreach (var entry in entries)
        {
            var session = "S" + (sessions.IndexOf(entry.Split('|')[1]) + 1);
            output.WriteLine(session + " " + entry[(entry.IndexOf("| ", StringComparison.Ordinal) + 2)..]);
        }
    }

    /// <summary>The log entries of <paramref name="database"/>: each entry's first line carries the prefix, the
    /// lines of a multi-line statement follow it.</summary>
    private static List<string> Entries(string text, string database)
    {
        var entries = new List<string>();
        string? current = null;
        foreach (var line in text.Split('\n'))
        {
            if (Prefix().IsMatch(line))
            {
                Flush();
                current = line.StartsWith(database + "|", StringComparison.Ordinal) ? line : null;
            }
            else if (current is not null)
            {
                current += "\n    " + line.Trim();
            }
        }

        Flush();
        return entries;

        void Flush()
        {
            if (current is not null)
            {
                entries.Add(current);
            }
        }
    }

    private static async Task<string> ReadAsync(string path, long from, long to)
    {
        // The server holds the log open for writing; share it.
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Position = from;
        var buffer = new byte[to - from];
        await stream.ReadExactlyAsync(buffer);
        return System.Text.Encoding.UTF8.GetString(buffer);
    }

    [GeneratedRegex(@"^[^|\s]*\|[0-9a-f]+\.[0-9a-f]+\| ")]
    private static partial Regex Prefix();
}
