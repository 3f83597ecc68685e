using System.Collections.Immutable;
using Cutover.Execution;
using Cutover.Journal;
using Npgsql;

namespace Cutover.PostDeploy;

/// <summary>Holds the post phase back while a <see cref="PostDeployStage.BeforePost"/> action has not succeeded: the
/// gate <c>cutover upgrade --phase post</c> checks. Give it to <see cref="UpgradeOptions.Gates"/>.</summary>
/// <remarks><para>It learns the before-post actions from two places: the catalog (the application's code, as
/// <c>--assembly</c> gives it), and the post-deploy journal, where every action a deploy registered is recorded with
/// its stage. So a post phase run without the application's assemblies (the native binary, a bare CI job) is still
/// held back by actions an earlier <c>deploy</c> or worker registered. A declared action's stage is taken from its code
/// (the latest deploy's word); an action only the journal knows keeps its recorded stage.</para>
/// <para>Succeeded, skipped (an operator's decision) and not-needed actions let the phase through; pending, running,
/// failed, paused and cancelled ones hold it. A declared action that never ran holds it too, unless the database was
/// installed from <c>schema.sql</c> at or after the action's release.</para>
/// <para>It reads only: the journal table is not created, and a missing one holds nothing back.</para></remarks>
public sealed class BeforePostActionsGate : IPostPhaseGate
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostDeployCatalog? _catalog;
    private readonly PostDeployOptions _options;

    /// <summary>Creates the gate.</summary>
    /// <param name="dataSource">The database that holds the post-deploy journal.</param>
    /// <param name="catalog">The declared actions, when the application's code is at hand; null to go by the journal
    /// alone.</param>
    /// <param name="options">Where the journals are; defaults when null.</param>
    /// <exception cref="PostDeployDefinitionException">The options are invalid.</exception>
    public BeforePostActionsGate(NpgsqlDataSource dataSource, PostDeployCatalog? catalog = null, PostDeployOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _catalog = catalog;
        _options = options ?? new PostDeployOptions();
        _options.Validate();
    }

    /// <inheritdoc/>
    /// <exception cref="Connections.DatabaseUnavailableException">The database cannot be reached.</exception>
    public async Task<ImmutableArray<string>> FindBlockersAsync(CancellationToken cancellationToken)
    {
        var rows = await new PostDeployJournal(_dataSource, _options).ReadIfExistsAsync(cancellationToken).ConfigureAwait(false);
        var declared = _catalog?.Actions ?? [];
        var holding = rows
            .Select(r => (Row: r, Action: declared.FirstOrDefault(a => a.Id == r.ActionId)))
            .Where(x => (x.Action?.Stage ?? x.Row.Stage) == PostDeployStage.BeforePost && !LetsThrough(x.Row.State))
            .ToList();
        var journaled = rows.Select(r => r.ActionId).ToHashSet(StringComparer.Ordinal);
        var neverRecorded = declared.Where(a => a.Stage == PostDeployStage.BeforePost && !journaled.Contains(a.Id)).ToList();

        // A release's fix that a fresh install never needs holds nothing back, recorded yet or not.
        var installed = holding.Any(x => (x.Action?.Release ?? x.Row.Release) is not null) || neverRecorded.Any(a => a.Release is not null)
            ? await InstalledRelease.ReadAsync(_dataSource, _options.MigrationsJournalTable, cancellationToken).ConfigureAwait(false)
            : null;
        var blockers = holding
            .Where(x => !(x.Row.State == PostDeployState.Pending && x.Row.Attempts == 0 &&
                          IsNotNeededAt(x.Action?.Release ?? x.Row.Release, installed)))
            .Select(x => Describe(x.Row.ActionId, x.Row.Tenant, x.Row.State,
                x.Row.Attempts == 0 && x.Row.State == PostDeployState.Pending ? "never run" : x.Row.ErrorSummary))
            .Concat(neverRecorded.Where(a => !a.IsNotNeededAt(installed))
                .Select(a => Describe(a.Id, "", PostDeployState.Pending, "never run")))
            .ToList();
        return [.. blockers.Order(StringComparer.Ordinal)];
    }

    private static bool IsNotNeededAt(string? release, Scripts.ScriptVersion? installed) =>
        installed is { } at && Scripts.ScriptVersion.TryParse(release, out var version) && version.CompareTo(at) <= 0;

    private static bool LetsThrough(PostDeployState state) =>
        state is PostDeployState.Succeeded or PostDeployState.Skipped or PostDeployState.NotNeeded;

    private static string Describe(string actionId, string tenant, PostDeployState state, string? detail) =>
        actionId + (tenant.Length == 0 ? "" : $" [{tenant}]") + ": " + PostDeployJournal.Format(state).Replace('_', '-') +
        (detail is null ? "" : $" ({detail})");
}
