using System.Globalization;
using Cutover.Testing;
using Npgsql;

namespace MigrationBench;

/// <summary>The database one run migrates, and a connection string to it that no earlier run used: Npgsql keeps a
/// data source (with the server's type catalog, read on first use) per connection string for the whole process, so a
/// library given the string of an earlier run would skip work that a deploy, a new process, always does.</summary>
internal sealed record RunTarget(string Database, string ConnectionString)
{
    public static RunTarget Create(ThrowawayServer server, string database, int run) => new(database,
        new NpgsqlConnectionStringBuilder(server.ConnectionString(database))
        {
            ApplicationName = "migration-bench-" + run.ToString(CultureInfo.InvariantCulture),
        }.ConnectionString);
}
