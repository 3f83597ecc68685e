using Cutover.PostDeploy;
using Npgsql;

namespace Cutover.Tests.PostDeploy;

/// <summary>The side-effect table actions write to, so tests can count runs in PostgreSQL rather than in memory.</summary>
public static class Effects
{
    public const string CreateTable = "CREATE TABLE effects (action_id text NOT NULL, tenant text NOT NULL, attempt int NOT NULL)";

    public static async Task RecordAsync(PostDeployContext context, CancellationToken cancellationToken)
    {
        await using var connection = await context.OpenConnectionAsync(cancellationToken);
        // A little work so that concurrent runners overlap instead of finishing one after the other.
        await using var command = new NpgsqlCommand(
            "SELECT pg_sleep(0.005); INSERT INTO public.effects VALUES (@id, @tenant, @attempt)", connection);
        command.Parameters.AddWithValue("id", context.ActionId);
        command.Parameters.AddWithValue("tenant", context.Tenant?.Name ?? "");
        command.Parameters.AddWithValue("attempt", context.Attempt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<Dictionary<string, long>> CountByActionAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT action_id, count(*) FROM effects GROUP BY action_id");
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var counts = new Dictionary<string, long>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }
}
