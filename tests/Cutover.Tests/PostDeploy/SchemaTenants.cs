using Cutover.PostDeploy;
using Npgsql;

namespace Cutover.Tests.PostDeploy;

/// <summary>The test assembly's one tenant provider: every schema named <c>tenant_*</c> is a tenant.</summary>
public sealed class SchemaTenants : IPostDeployTenantProvider
{
    public async Task<IReadOnlyList<PostDeployTenant>> ListTenantsAsync(
        NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant\\_%' ORDER BY nspname");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tenants = new List<PostDeployTenant>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var schema = reader.GetString(0);
            tenants.Add(new PostDeployTenant(schema) { Schema = schema });
        }

        return tenants;
    }
}
