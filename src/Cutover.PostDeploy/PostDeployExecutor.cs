using System.Collections.Immutable;
using System.Reflection;
using Cutover.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Cutover.PostDeploy;

/// <summary>Claims one action for one tenant, runs it, keeps its claim alive, and records how it ended: the part
/// every scheduler shares (inline runs, hosted workers, Quartz jobs).</summary>
/// <remarks>Thread-safe: one executor may run several items at once (Quartz runs jobs in parallel). Exactly-once
/// comes from the journal, not from this object: a claim is an <c>UPDATE</c> that only one node can win, and every
/// later write is fenced by the claim's token.</remarks>
public sealed partial class PostDeployExecutor
{
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly ImmutableArray<string> _actionIds;
    private int _journalReady;

    /// <summary>Creates an executor for the actions in <paramref name="catalog"/>, journaled in
    /// <paramref name="dataSource"/>.</summary>
    /// <param name="dataSource">The database that holds the journal (and, without tenants, the data).</param>
    /// <param name="catalog">The declared actions.</param>
    /// <param name="options">Journal name and claim timings; defaults when null.</param>
    /// <param name="services">Creates actions and their dependencies; when null, actions need parameterless
    /// constructors.</param>
    /// <param name="tenants">Lists tenants; when null, the catalog's declared provider (if any) is used.</param>
    /// <param name="timeProvider">The clock for claims, heartbeats and pauses; the system clock when null.</param>
    /// <param name="loggerFactory">Creates the executor's and each action's logger.</param>
    /// <exception cref="PostDeployDefinitionException">The options are invalid.</exception>
    public PostDeployExecutor(
        NpgsqlDataSource dataSource,
        PostDeployCatalog catalog,
        PostDeployOptions? options = null,
        IServiceProvider? services = null,
        IPostDeployTenantProvider? tenants = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(catalog);
        Options = options ?? new PostDeployOptions();
        Options.Validate();
        DataSource = dataSource;
        Catalog = catalog;
        _services = services ?? new EmptyServiceProvider();
        TimeProvider = timeProvider ?? TimeProvider.System;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<PostDeployExecutor>();
        Tenants = new PostDeployTenants(tenants ?? (catalog.TenantProviderType is { } type
            ? (IPostDeployTenantProvider)ActivatorUtilities.CreateInstance(_services, type)
            : null), dataSource);
        _actionIds = [.. catalog.Actions.Select(a => a.Id)];
        Journal = new PostDeployJournal(dataSource, Options);
    }

    /// <summary>The declared actions this executor can run.</summary>
    public PostDeployCatalog Catalog { get; }

    /// <summary>The journal's options.</summary>
    public PostDeployOptions Options { get; }

    internal NpgsqlDataSource DataSource { get; }

    internal TimeProvider TimeProvider { get; }

    internal PostDeployJournal Journal { get; }

    internal ILoggerFactory LoggerFactory => _loggerFactory;

    internal PostDeployTenants Tenants { get; }

    /// <summary>Creates the journal table when it is missing; safe to call from many nodes at once.</summary>
    public async Task EnsureJournalAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _journalReady) != 0)
        {
            return;
        }

        if (await Journal.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false))
        {
            PostDeployLog.JournalCreated(_logger, Journal.Name.ToString());
        }

        Volatile.Write(ref _journalReady, 1);
    }

    /// <summary>Claims and runs one action for one tenant, if it is requested and nobody else holds it.</summary>
    /// <param name="item">The action and tenant.</param>
    /// <param name="progress">Receives progress reports (rows done, total, ETA) while it runs.</param>
    /// <param name="cancellationToken">Cancel to shut down: the claim is handed back and another node continues
    /// from the saved cursor.</param>
    /// <returns>What happened; <see cref="PostDeployOutcomeKind.NotClaimed"/> when another node holds or finished it.</returns>
    public async Task<PostDeployOutcome> ExecuteAsync(
        PostDeployWorkItem item, IProgress<PostDeployProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        await EnsureJournalAsync(cancellationToken).ConfigureAwait(false);
        var claim = await Journal.ClaimAsync(item, TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (claim is null)
        {
            PostDeployLog.ActionNotClaimed(_logger, item.ToString());
            return new PostDeployOutcome(item, PostDeployOutcomeKind.NotClaimed);
        }

        return await RunClaimedAsync(claim, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one requested item to an end, as <c>cutover deploy</c> does: claims and runs it; while another
    /// node holds a live claim, waits for that node to finish (and reports how it ended) or for its lease to lapse
    /// (and takes the action over, resuming from its cursor), at most <see cref="PostDeployOptions.ClaimWait"/>.</summary>
    /// <param name="item">The action and tenant.</param>
    /// <param name="progress">Receives progress reports while this node runs it.</param>
    /// <param name="claimWait">How long to wait for another node's claim; <see cref="PostDeployOptions.ClaimWait"/>
    /// when null. A job scheduler's duplicate firing waits one lease: long enough to take over from a dead node, not
    /// to sit beside a live one.</param>
    /// <param name="cancellationToken">Cancel to shut down: a running action hands its claim back.</param>
    /// <returns>The outcome; <see cref="PostDeployOutcomeKind.HeldElsewhere"/> when the other node still held the
    /// claim at the end of the wait.</returns>
    public async Task<PostDeployOutcome> RunToEndAsync(
        PostDeployWorkItem item, IProgress<PostDeployProgress>? progress = null, TimeSpan? claimWait = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var patience = claimWait ?? Options.ClaimWait;
        var deadline = TimeProvider.GetUtcNow() + patience;
        NpgsqlConnection? listener = null;
        try
        {
            var announced = false;
            while (true)
            {
                var outcome = await ExecuteAsync(item, progress, cancellationToken).ConfigureAwait(false);
                if (outcome.Kind != PostDeployOutcomeKind.NotClaimed)
                {
                    return outcome;
                }

                var row = (await Journal.ReadAsync([item], cancellationToken).ConfigureAwait(false)).FirstOrDefault();
                if (row is null || row.State != PostDeployState.Running && !(row.State == PostDeployState.Pending && row.RequestedAt is not null))
                {
                    // Finished meanwhile by whoever held it, or no longer requested: report what the journal says.
                    return row?.ToOutcome(item) ?? outcome;
                }

                var now = TimeProvider.GetUtcNow();
                if (now >= deadline)
                {
                    return new PostDeployOutcome(item, PostDeployOutcomeKind.HeldElsewhere, null,
                        $"still claimed by {row.Host ?? "another node"} (claim expires {row.ClaimExpiresAt:u}) after waiting " +
                        $"{patience}");
                }

                if (!announced && row.State == PostDeployState.Running)
                {
                    PostDeployLog.WaitingForClaim(_logger, item.ToString(), row.Host ?? "another node",
                        row.ClaimExpiresAt ?? now);
                    announced = true;
                }

                listener ??= await ListenAsync(cancellationToken).ConfigureAwait(false);
                // Woken by the holder's finish (every state change notifies), or when its lease lapses: a few
                // milliseconds past the expiry, so that the next claim sees it expired.
                var lapse = (row.ClaimExpiresAt ?? now) - now + TimeSpan.FromMilliseconds(50);
                var wait = TimeSpan.FromTicks(Math.Clamp(
                    Math.Min(lapse.Ticks, (deadline - now).Ticks), TimeSpan.FromMilliseconds(20).Ticks, Options.PollInterval.Ticks));
                await listener.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (listener is not null)
            {
                await listener.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Opens a connection that listens for the journal's state changes.</summary>
    internal async Task<NpgsqlConnection> ListenAsync(CancellationToken cancellationToken)
    {
        var connection = await DatabaseConnection.OpenAsync(DataSource, cancellationToken).ConfigureAwait(false);
        try
        {
            var listen = new NpgsqlCommand("LISTEN " + SqlIdentifier.Quote(PostDeployJournal.NotifyChannel), connection);
            await using (listen.ConfigureAwait(false))
            {
                await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Claims the longest-waiting requested action this executor declares (skipping rows other nodes are
    /// claiming) and runs it; returns null when there is nothing to do.</summary>
    public async Task<PostDeployOutcome?> ExecuteNextAsync(
        IProgress<PostDeployProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await EnsureJournalAsync(cancellationToken).ConfigureAwait(false);
        if (_actionIds.IsEmpty)
        {
            return null;
        }

        var claim = await Journal.ClaimNextAsync(_actionIds, TimeProvider.GetUtcNow(), cancellationToken)
            .ConfigureAwait(false);
        return claim is null ? null : await RunClaimedAsync(claim, progress, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PostDeployOutcome> RunClaimedAsync(
        PostDeployClaimed claim, IProgress<PostDeployProgress>? progress, CancellationToken cancellationToken)
    {
        var item = claim.Item;
        var started = TimeProvider.GetTimestamp();
        var run = new PostDeployRun(claim, Journal, TimeProvider, progress);
        PostDeployLog.ActionClaimed(_logger, item.ToString(), claim.Attempt, Options.HostName);

        using var runCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var heartbeatCancellation = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(run, runCancellation, heartbeatCancellation.Token);
        Exception? error = null;
        try
        {
            await InvokeAsync(run, runCancellation.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Anything an action throws is recorded in the journal; this is the boundary that owns it.
            error = e;
        }
        finally
        {
            await heartbeatCancellation.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
        }

        var elapsed = TimeProvider.GetElapsedTime(started);
        var (state, kind) = error switch
        {
            null => (PostDeployState.Succeeded, PostDeployOutcomeKind.Succeeded),
            _ when run.ClaimLost || error is PostDeployClaimLostException => ((PostDeployState?)null, PostDeployOutcomeKind.ClaimLost),
            _ when run.Control == PostDeployControl.Pause => (PostDeployState.Paused, PostDeployOutcomeKind.Paused),
            _ when run.Control == PostDeployControl.Cancel => (PostDeployState.Cancelled, PostDeployOutcomeKind.Cancelled),
            _ when cancellationToken.IsCancellationRequested => (PostDeployState.Pending, PostDeployOutcomeKind.Released),
            _ => (PostDeployState.Failed, PostDeployOutcomeKind.Failed),
        };

        if (state is { } final)
        {
            // Recorded even when the caller's token is cancelled: a shutting-down node must hand its claim back.
            var recorded = await Journal.FinishAsync(
                claim, final, final == PostDeployState.Failed ? error : null, TimeProvider.GetUtcNow(),
                CancellationToken.None).ConfigureAwait(false);
            if (!recorded)
            {
                kind = PostDeployOutcomeKind.ClaimLost;
            }
        }

        switch (kind)
        {
            case PostDeployOutcomeKind.Succeeded:
                PostDeployLog.ActionSucceeded(_logger, item.ToString(), (long)elapsed.TotalMilliseconds);
                break;
            case PostDeployOutcomeKind.Failed:
                PostDeployLog.ActionFailed(_logger, error!, item.ToString());
                break;
            case PostDeployOutcomeKind.ClaimLost:
                PostDeployLog.ClaimLost(_logger, item.ToString());
                break;
            case PostDeployOutcomeKind.Released:
                PostDeployLog.ActionReleased(_logger, item.ToString());
                break;
            default:
                PostDeployLog.ActionStopped(_logger, item.ToString(), state ?? PostDeployState.Pending);
                break;
        }

        return new PostDeployOutcome(item, kind, elapsed,
            kind == PostDeployOutcomeKind.Failed ? PostDeployJournal.Summarize(error!) : null);
    }

    private async Task HeartbeatAsync(
        PostDeployRun run, CancellationTokenSource runCancellation, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Options.EffectiveHeartbeat, TimeProvider, stop).ConfigureAwait(false);
                try
                {
                    var control = await Journal.HeartbeatAsync(run.Claim, TimeProvider.GetUtcNow(), stop).ConfigureAwait(false);
                    run.ObserveControl(control);
                }
                catch (PostDeployClaimLostException)
                {
                    run.MarkClaimLost();
                }
                catch (Exception e) when (
                    (e is NpgsqlException or DatabaseUnavailableException) && !stop.IsCancellationRequested)
                {
                    // A missed heartbeat is not fatal: the lease is three heartbeats long.
                    continue;
                }

                if (run.ClaimLost || run.Control is not null)
                {
                    await runCancellation.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task InvokeAsync(PostDeployRun run, CancellationToken cancellationToken)
    {
        var item = run.Claim.Item;
        if (!Catalog.TryFind(item.ActionId, out var action))
        {
            throw new PostDeployActionNotFoundException(item.ActionId);
        }

        var tenant = await Tenants.FindAsync(item.Tenant, cancellationToken).ConfigureAwait(false);
        var scopeFactory = _services.GetService<IServiceScopeFactory>();
        var scope = scopeFactory?.CreateAsyncScope();
        try
        {
            var services = scope?.ServiceProvider ?? _services;
            var logger = _loggerFactory.CreateLogger(action.DeclaringType.FullName ?? action.DeclaringType.Name);
            var context = new PostDeployContext(run, tenant, DataSource, logger, services, cancellationToken);
            if (action.Method is null)
            {
                var instance = (IPostDeployAction)ActivatorUtilities.CreateInstance(services, action.DeclaringType);
                try
                {
                    await instance.RunAsync(context, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await DisposeAsync(instance).ConfigureAwait(false);
                }
            }
            else
            {
                await InvokeMethodAsync(action, action.Method, context, services, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (scope is { } s)
            {
                await s.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task InvokeMethodAsync(
        PostDeployActionDescriptor action, MethodInfo method, PostDeployContext context, IServiceProvider services,
        CancellationToken cancellationToken)
    {
        var instance = method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, action.DeclaringType);
        try
        {
            var arguments = PostDeployParameterBinder.Bind(action, method, context, services, cancellationToken);
            var result = method.Invoke(instance, BindingFlags.DoNotWrapExceptions, null, arguments, null);
            switch (result)
            {
                case Task task:
                    await task.ConfigureAwait(false);
                    break;
                case ValueTask valueTask:
                    await valueTask.ConfigureAwait(false);
                    break;
            }
        }
        finally
        {
            await DisposeAsync(instance).ConfigureAwait(false);
        }
    }

    private static async ValueTask DisposeAsync(object? instance)
    {
        switch (instance)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
