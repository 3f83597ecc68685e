using Cutover.Testing;
using Npgsql;

namespace Cutover.Tests.Snapshots;

internal static class SnapshotTestKit
{
    public static async Task<long> ScalarAsync(ThrowawayServer server, string database, string sql)
    {
        await using var dataSource = server.CreateDataSource(database);
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static Task<long> TableCountAsync(ThrowawayServer server, string database) => ScalarAsync(server, database,
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 't\\_%'");

    public static Task<long> JournalCountAsync(ThrowawayServer server, string database) =>
        ScalarAsync(server, database, "SELECT count(*) FROM public.cutover_migrations");

    public static Task<long> TemplateCountAsync(ThrowawayServer server, string template) => ScalarAsync(server, "postgres",
        $"SELECT count(*) FROM pg_database WHERE datname = '{template}' AND datistemplate AND NOT datallowconn");
}
