using Npgsql;

namespace Cutover.PostDeploy;

/// <summary>One batch of a backfill, handed to <see cref="BackfillOptions.ProcessBatch"/>: work inside
/// <see cref="Transaction"/> commits together with the cursor.</summary>
/// <param name="Connection">The batch's connection (tenant's <c>search_path</c> set).</param>
/// <param name="Transaction">The batch's transaction; do not commit or roll it back.</param>
/// <param name="Lower">The exclusive lower key bound.</param>
/// <param name="Upper">The inclusive upper key bound.</param>
/// <param name="Rows">How many keys lie in the range.</param>
public sealed record BackfillBatch(
    NpgsqlConnection Connection, NpgsqlTransaction Transaction, long Lower, long Upper, int Rows);
