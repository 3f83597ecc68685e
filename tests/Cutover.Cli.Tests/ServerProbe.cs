using Npgsql;

namespace Cutover.Cli.Tests;

/// <summary>Watches the server instead of guessing delays: a test waits until PostgreSQL shows what it expects.</summary>
public static class ServerProbe
{
    /// <summary>Waits until an active query containing <paramref name="fragment"/> is (or is no longer) running in the
    /// data source's database (tests in parallel share the server, and their queries look alike).</summary>
    public static async Task WaitForQueryAsync(NpgsqlDataSource dataSource, string fragment, CancellationToken ct, bool present = true)
    {
        await WaitUntilAsync(dataSource,
            "SELECT count(*) > 0 FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%' || $1 || '%' " +
            "AND pid <> pg_backend_pid() AND state = 'active'",
            present, ct, fragment);
    }

    /// <summary>Waits until <paramref name="sql"/> (a boolean query) returns <paramref name="expected"/>; two minutes at most.</summary>
    public static async Task WaitUntilAsync(NpgsqlDataSource dataSource, string sql, bool expected, CancellationToken ct, params object[] parameters)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (await ScalarAsync<bool>(dataSource, sql, ct, parameters) == expected)
            {
                return;
            }

            await Task.Delay(25, ct);
        }

        throw new TimeoutException($"'{sql}' never became {expected}");
    }

    public static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql, CancellationToken ct, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync(ct))!;
    }
}
