using System.Collections.Immutable;
using Npgsql;

namespace Cutover.PostDeploy;

/// <summary>Lists the tenants that per-tenant runs (<c>--tenant</c>, <c>--all-tenants</c>) cover.</summary>
/// <remarks>Declare one implementation in the assembly that holds the actions and the catalog finds it, or pass one
/// to <see cref="PostDeployExecutor"/>. It is created through the service provider.</remarks>
public interface IPostDeployTenantProvider
{
    /// <summary>Lists the tenants, e.g. from a <c>tenants</c> table or <c>pg_namespace</c>.</summary>
    /// <param name="dataSource">The data source that holds the journal.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    Task<IReadOnlyList<PostDeployTenant>> ListTenantsAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken);
}
