using System.Collections.Immutable;
using Cutover.Journal;
using Microsoft.Extensions.Logging;

namespace Cutover.PostDeploy;

/// <summary>Decides what a request runs, and records that decision in the journal: which actions and tenants, from
/// which states, and which actions a freshly installed database does not need. Running them is the
/// <see cref="PostDeployExecutor"/>'s part.</summary>
internal sealed class PostDeployPlanner
{
    private readonly PostDeployExecutor _executor;
    private readonly ILogger _logger;

    public PostDeployPlanner(PostDeployExecutor executor, ILogger logger)
    {
        _executor = executor;
        _logger = logger;
    }

    /// <summary>Marks the actions <paramref name="request"/> selects as pending and requested (or not needed), and
    /// returns the requested ones plus any in scope that are running, so that an expired claim is taken over and a
    /// live one waited for.</summary>
    /// <exception cref="PostDeployActionNotFoundException">The named action is not declared.</exception>
    /// <exception cref="PostDeployDefinitionException">The request is inconsistent or names an unknown tenant.</exception>
    public async Task<ImmutableArray<PostDeployWorkItem>> RequestAsync(
        PostDeployRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var catalog = _executor.Catalog;
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
        if (request.ActionId is { } id && !catalog.TryFind(id, out action))
        {
            throw new PostDeployActionNotFoundException(id);
        }

        await _executor.EnsureJournalAsync(cancellationToken).ConfigureAwait(false);
        var tenants = await _executor.Tenants.ResolveAsync(request.Tenant, request.AllTenants, cancellationToken)
            .ConfigureAwait(false);
        var actions = request.Mode switch
        {
            PostDeployMode.Auto => catalog.Actions.Where(a => a.Auto).ToImmutableArray(),
            PostDeployMode.One or PostDeployMode.Once => [action!],
            _ => catalog.Actions,
        };
        if (request.Stage is { } stage && action is null)
        {
            actions = [.. actions.Where(a => a.Stage == stage)];
        }

        // An operator who names an action with --one means it; everything else spares a database born after the
        // action's release the old data fix it never needed.
        var notNeeded = request.Mode == PostDeployMode.One || !actions.Any(a => a.Release is not null)
            ? []
            : await FindNotNeededAsync(actions, cancellationToken).ConfigureAwait(false);
        var now = _executor.TimeProvider.GetUtcNow();
        // Without tenants, every declared action is recorded (with its stage), not only the requested ones: the
        // post phase's gate reads the journal, and the native binary has nothing else to learn before-post actions
        // from. Per-tenant rows appear only when a request covers the tenant.
        var registered = tenants is [""] && !_executor.Tenants.HasProvider ? catalog.Actions : actions;
        await _executor.Journal.RegisterAsync(registered, tenants, now, cancellationToken).ConfigureAwait(false);
        var items = await _executor.Journal.RequestAsync(
            [.. actions.Select(a => a.Id).Except(notNeeded, StringComparer.Ordinal)], tenants, FromStates(request.Mode),
            notNeeded, now, cancellationToken).ConfigureAwait(false);
        PostDeployLog.ActionsRequested(_logger, items.Length, request.Mode);
        return items;
    }

    /// <summary>The states a request moves to pending-and-requested.</summary>
    internal static ImmutableArray<PostDeployState> FromStates(PostDeployMode mode) => mode switch
    {
        PostDeployMode.Auto or PostDeployMode.All => [PostDeployState.Pending],
        PostDeployMode.One =>
        [
            PostDeployState.Pending, PostDeployState.Succeeded, PostDeployState.Failed, PostDeployState.Skipped,
            PostDeployState.Cancelled, PostDeployState.Paused, PostDeployState.NotNeeded,
        ],
        PostDeployMode.Once =>
        [
            PostDeployState.Pending, PostDeployState.Failed, PostDeployState.Skipped, PostDeployState.Cancelled,
            PostDeployState.Paused,
        ],
        PostDeployMode.RetryFailed => [PostDeployState.Failed],
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    private async Task<ImmutableArray<string>> FindNotNeededAsync(
        ImmutableArray<PostDeployActionDescriptor> actions, CancellationToken cancellationToken)
    {
        var installed = await InstalledRelease.ReadAsync(
            _executor.DataSource, _executor.Options.MigrationsJournalTable, cancellationToken).ConfigureAwait(false);
        return [.. actions.Where(a => a.IsNotNeededAt(installed)).Select(a => a.Id)];
    }
}
