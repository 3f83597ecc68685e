using System.Collections.Immutable;

namespace Cutover.PostDeploy;

public sealed partial class PostDeployExecutor
{
    /// <summary>Marks the actions a request selects as pending and requested, and returns them (plus any in scope
    /// that are running, so that an expired claim is taken over and a live one reported).</summary>
    /// <exception cref="PostDeployActionNotFoundException">The named action is not declared.</exception>
    /// <exception cref="PostDeployDefinitionException">The request is inconsistent or names an unknown tenant.</exception>
    internal async Task<ImmutableArray<PostDeployWorkItem>> RequestAsync(
        PostDeployRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var named = request.Mode is PostDeployMode.One or PostDeployMode.Once;
        if (named != (request.ActionId is not null))
        {
            throw new PostDeployDefinitionException([named
                ? $"--{(request.Mode == PostDeployMode.One ? "one" : "once")} needs an action id"
                : $"an action id is only taken with --one or --once, not {request.Mode}"]);
        }

        if (request.Tenant is not null && request.AllTenants)
        {
            throw new PostDeployDefinitionException(["--tenant and --all-tenants exclude each other"]);
        }

        PostDeployActionDescriptor? action = null;
        if (request.ActionId is { } id && !Catalog.TryFind(id, out action))
        {
            throw new PostDeployActionNotFoundException(id);
        }

        await EnsureJournalAsync(cancellationToken).ConfigureAwait(false);
        var tenants = await ResolveTenantNamesAsync(request.Tenant, request.AllTenants, cancellationToken)
            .ConfigureAwait(false);
        var actions = request.Mode switch
        {
            PostDeployMode.Auto => Catalog.Actions.Where(a => a.Auto).ToImmutableArray(),
            PostDeployMode.One or PostDeployMode.Once => [action!],
            _ => Catalog.Actions,
        };
        PostDeployState[] fromStates = request.Mode switch
        {
            PostDeployMode.Auto or PostDeployMode.All => [PostDeployState.Pending],
            PostDeployMode.One =>
            [
                PostDeployState.Pending, PostDeployState.Succeeded, PostDeployState.Failed, PostDeployState.Skipped,
                PostDeployState.Cancelled, PostDeployState.Paused,
            ],
            PostDeployMode.Once =>
            [
                PostDeployState.Pending, PostDeployState.Failed, PostDeployState.Skipped, PostDeployState.Cancelled,
                PostDeployState.Paused,
            ],
            PostDeployMode.RetryFailed => [PostDeployState.Failed],
            _ => throw new ArgumentOutOfRangeException(nameof(request)),
        };

        var now = TimeProvider.GetUtcNow();
        await Journal.EnsureRowsAsync(actions, tenants, now, cancellationToken).ConfigureAwait(false);
        var items = await Journal.RequestAsync(
            [.. actions.Select(a => a.Id)], tenants, fromStates, now, cancellationToken).ConfigureAwait(false);
        PostDeployLog.ActionsRequested(_logger, items.Length, request.Mode);
        return items;
    }
}
