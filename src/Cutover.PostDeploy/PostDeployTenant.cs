using Npgsql;

namespace Cutover.PostDeploy;

/// <summary>A tenant an action runs for: a schema reached through <c>search_path</c>, or a database of its own.</summary>
/// <param name="Name">The name recorded in the journal's <c>tenant</c> column.</param>
public sealed record PostDeployTenant(string Name)
{
    /// <summary>The schema put first on <c>search_path</c> for the tenant's connections; null leaves it alone.</summary>
    public string? Schema { get; init; }

    /// <summary>The tenant's own database; null uses the data source that holds the journal.</summary>
    /// <remarks>The journal stays in the main database. A backfill on a tenant database therefore saves its cursor
    /// right after each batch commits rather than in the batch's transaction: a crash between the two re-runs one
    /// batch, so batch statements for database tenants should be idempotent.</remarks>
    public NpgsqlDataSource? DataSource { get; init; }
}
