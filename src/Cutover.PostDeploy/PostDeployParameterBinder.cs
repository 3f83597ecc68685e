using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cutover.PostDeploy;

/// <summary>Fills the parameters of a method action: what the run itself provides (context, cancellation, logger,
/// data source, tenant), then the application's services, then the parameter's default value.</summary>
internal static class PostDeployParameterBinder
{
    /// <summary>The arguments for <paramref name="method"/>, in order.</summary>
    /// <exception cref="InvalidOperationException">A parameter has no value: no such service and no default.</exception>
    public static object?[] Bind(
        PostDeployActionDescriptor action, MethodInfo method, PostDeployContext context, IServiceProvider services,
        CancellationToken cancellationToken) =>
        [.. method.GetParameters().Select(p => p.ParameterType switch
        {
            var t when t == typeof(PostDeployContext) => context,
            var t when t == typeof(CancellationToken) => cancellationToken,
            var t when t == typeof(ILogger) => context.Logger,
            var t when t == typeof(NpgsqlDataSource) => context.DataSource,
            var t when t == typeof(PostDeployTenant) => context.Tenant,
            var t => services.GetService(t) ?? (p.HasDefaultValue ? p.DefaultValue : throw new InvalidOperationException(
                $"{action.CodeName}: no service of type {t.FullName} for parameter '{p.Name}'")),
        })];
}
