using System.Collections.Immutable;
using Npgsql;

namespace Cutover.PostDeploy;

/// <summary>The tenants known to an executor: which ones a request covers, and the tenant a journal row names.</summary>
/// <remarks>The provider is asked afresh each time: tenants come and go while nodes run.</remarks>
internal sealed class PostDeployTenants
{
    private readonly IPostDeployTenantProvider? _provider;
    private readonly NpgsqlDataSource _dataSource;

    public PostDeployTenants(IPostDeployTenantProvider? provider, NpgsqlDataSource dataSource)
    {
        _provider = provider;
        _dataSource = dataSource;
    }

    public bool HasProvider => _provider is not null;

    /// <summary>Lists the tenants a request covers: none (the empty tenant), one, or all the provider lists.</summary>
    /// <exception cref="PostDeployDefinitionException">Tenants are asked for without a provider, or the named tenant
    /// is not listed.</exception>
    public async Task<ImmutableArray<string>> ResolveAsync(string? tenant, bool allTenants, CancellationToken cancellationToken)
    {
        if (!allTenants && tenant is null)
        {
            return [""];
        }

        if (_provider is null)
        {
            throw new PostDeployDefinitionException(
                ["--tenant and --all-tenants need a tenant provider (an IPostDeployTenantProvider in the assemblies)"]);
        }

        var listed = await _provider.ListTenantsAsync(_dataSource, cancellationToken).ConfigureAwait(false);
        if (allTenants)
        {
            return [.. listed.Select(t => t.Name).Distinct(StringComparer.Ordinal)];
        }

        return listed.Any(t => string.Equals(t.Name, tenant, StringComparison.Ordinal))
            ? [tenant!]
            : throw new PostDeployDefinitionException([$"{tenant}: the tenant provider does not list this tenant"]);
    }

    /// <summary>Finds the tenant a journal row names; null for the empty tenant (not per tenant).</summary>
    /// <exception cref="PostDeployDefinitionException">No provider, or the provider no longer lists it.</exception>
    public async Task<PostDeployTenant?> FindAsync(string name, CancellationToken cancellationToken)
    {
        if (name.Length == 0)
        {
            return null;
        }

        if (_provider is null)
        {
            throw new PostDeployDefinitionException([$"{name}: a tenant row, but no tenant provider is configured"]);
        }

        var listed = await _provider.ListTenantsAsync(_dataSource, cancellationToken).ConfigureAwait(false);
        return listed.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal))
            ?? throw new PostDeployDefinitionException([$"{name}: the tenant provider no longer lists this tenant"]);
    }
}
