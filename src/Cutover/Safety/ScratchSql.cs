using Npgsql;

namespace Cutover.Safety;

/// <summary>Runs statements on the scratch connection: as raw batch commands, the way the migrator sends a script's
/// statements, so that the server sees the same text.</summary>
internal static class ScratchSql
{
    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection) { BatchCommands = { new NpgsqlBatchCommand(sql) }, Timeout = 0 };
        await using (batch.ConfigureAwait(false))
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return batch.BatchCommands[0].RecordsAffected;
        }
    }
}
