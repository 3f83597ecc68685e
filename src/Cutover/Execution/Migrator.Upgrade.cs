using System.Collections.Immutable;
using Cutover.Connections;
using Cutover.Planning;
using Cutover.Scripts;

namespace Cutover.Execution;

public sealed partial class Migrator
{
    /// <summary>Applies what <paramref name="options"/> asks for: the pending pre-migrations, post-migrations or all.</summary>
    /// <remarks>Takes the deploy lock, creates the journal on first use, plans under the lock (so a second run finds
    /// the first one's work done), then applies script by script. A failing script rolls back alone: the ones before
    /// it stay applied. When the committed journal already shows nothing to do, it returns without the lock.</remarks>
    /// <exception cref="MigrationRefusedException">A changed checksum, an out-of-order or failed script: nothing was
    /// applied.</exception>
    /// <exception cref="ScriptExecutionException">A statement failed; earlier scripts stay applied.</exception>
    /// <exception cref="Journal.JournalSchemaNotFoundException">The journal's schema does not exist: nothing was
    /// applied.</exception>
    /// <exception cref="DeployLockTimeoutException">Another run held the deploy lock too long.</exception>
    /// <exception cref="DatabaseUnavailableException">The database cannot be reached.</exception>
    public async Task<ApplyResult> UpgradeAsync(UpgradeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = _time.GetTimestamp();
        using var activity = Telemetry.CutoverInstruments.Source.StartActivity("cutover.upgrade");
        activity?.SetTag(Telemetry.CutoverInstruments.RunPhase, options.Plan.Phase.ToString().ToLowerInvariant());
        activity?.SetTag("cutover.journal_table", _options.JournalTable.ToString());
        try
        {
            var result = await UpgradeCoreAsync(options, started, activity, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(Telemetry.CutoverInstruments.ScriptsAppliedTag, result.Applied.Length);
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.Message);
            throw;
        }
    }

    private async Task<ApplyResult> UpgradeCoreAsync(
        UpgradeOptions options, long started, System.Diagnostics.Activity? activity, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            activity?.SetTag(Telemetry.CutoverInstruments.Database, connection.Database);
            if (options.DryRun)
            {
                // A dry run reads only: no lock, no journal table.
                var read = await _journal.ReadIfExistsAsync(connection, cancellationToken).ConfigureAwait(false);
                if (read is null)
                {
                    // As the real run would: no schema is an input error, another tool's history a refusal.
                    await _journal.ThrowIfSchemaMissingAsync(connection, cancellationToken).ConfigureAwait(false);
                    if (!options.IgnoreOtherHistory)
                    {
                        await ThrowIfAnotherToolsDatabaseAsync(connection, cancellationToken).ConfigureAwait(false);
                    }
                }

                var rows = read ?? [];
                var dryPlan = Planner.Plan(Scripts, rows, options.Plan);
                ThrowIfRefused(dryPlan);
                if (dryPlan.Steps.Any(s => s.Phase == Phase.Post))
                {
                    // The real run would stop at the gate; a dry run says so rather than promise the post phase.
                    await ThrowIfGateClosedAsync(options, [], cancellationToken).ConfigureAwait(false);
                }

                return new ApplyResult(dryPlan, [], true, _time.GetElapsedTime(started));
            }

            // Nothing to do is the common case (every instance of a rolling deploy runs upgrade as it starts), so it is
            // answered from the committed journal, without the deploy lock and the second connection it takes: when
            // the journal exists and the plan has no step and no refusal (a script in progress or failed half-way
            // is a refusal). A script another deployer has not committed yet shows as pending, and anything else
            // takes the lock and plans again under it.
            if (await _journal.ReadIfExistsAsync(connection, cancellationToken).ConfigureAwait(false) is { } committed
                && Planner.Plan(Scripts, committed, options.Plan) is { Steps.IsEmpty: true, IsRefused: false } settled)
            {
                var nothing = _time.GetElapsedTime(started);
                ExecutionLog.UpgradeFinished(_logger, options.Plan.Phase, 0, (long)nothing.TotalMilliseconds);
                return new ApplyResult(settled, [], false, nothing);
            }

            var deployLock = await LockAsync(cancellationToken).ConfigureAwait(false);
            await using (deployLock.ConfigureAwait(false))
            {
                if (!await _journal.ExistsAsync(connection, cancellationToken).ConfigureAwait(false))
                {
                    if (!options.IgnoreOtherHistory)
                    {
                        await ThrowIfAnotherToolsDatabaseAsync(connection, cancellationToken).ConfigureAwait(false);
                    }

                    await EnsureJournalAsync(connection, cancellationToken).ConfigureAwait(false);
                }

                var journal = await _journal.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
                var plan = Planner.Plan(Scripts, journal, options.Plan);
                ThrowIfRefused(plan);

                var runner = new ScriptRunner(_journal, _options,
                    new LockTimeoutRetry(_options.RetryDelay, _options.MaxRetryDelay, new Random()), _time, _logger);
                var appliedBy = AppliedBy(connection);
                var applied = ImmutableArray.CreateBuilder<AppliedScript>(plan.Steps.Length);
                var gatePassed = false;
                foreach (var script in plan.Steps)
                {
                    if (script.Phase == Phase.Post && !gatePassed)
                    {
                        // Asked under the deploy lock, right before the first post-migration, so that with --phase all
                        // the pre-migrations of this run are in and a gate sees the database the post phase would.
                        await ThrowIfGateClosedAsync(options, applied.ToImmutable(), cancellationToken).ConfigureAwait(false);
                        gatePassed = true;
                    }

                    if (await runner.ApplyAsync(connection, script, appliedBy, options.Progress, cancellationToken)
                            .ConfigureAwait(false) is { } done)
                    {
                        applied.Add(done);
                    }
                }

                var elapsed = _time.GetElapsedTime(started);
                ExecutionLog.UpgradeFinished(_logger, options.Plan.Phase, applied.Count, (long)elapsed.TotalMilliseconds);
                return new ApplyResult(plan, applied.ToImmutable(), false, elapsed);
            }
        }
    }

    /// <summary>A first upgrade on a database another tool migrated would run that tool's scripts again: refused
    /// unless told otherwise. Only asked while there is no journal, so it costs a run nothing once there is.</summary>
    private static async Task ThrowIfAnotherToolsDatabaseAsync(
        Npgsql.NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var (histories, _) = await Adoption.HistoryTableColumns.FindHistoriesAsync(connection, cancellationToken)
            .ConfigureAwait(false);
        if (histories.IsEmpty)
        {
            return;
        }

        var (table, tool) = histories[0];
        throw new MigrationRefusedException(
            $"upgrade refused: this database has no Cutover journal but {Adoption.PreviousTools.DisplayName(tool)}'s " +
            $"history {table}{(histories.Length > 1 ? $" (and {histories.Length - 1} more)" : "")}, so another tool " +
            $"migrated it: record what that tool ran with 'cutover adopt --from {Adoption.PreviousTools.CommandName(tool)} " +
            $"--history {table} --from-dir OLD_SCRIPTS', or pass --ignore-other-history to apply every script anyway; " +
            "nothing applied", []);
    }

    private static async Task ThrowIfGateClosedAsync(
        UpgradeOptions options, ImmutableArray<AppliedScript> applied, CancellationToken cancellationToken)
    {
        var blockers = ImmutableArray.CreateBuilder<string>();
        foreach (var gate in options.Gates.IsDefault ? [] : options.Gates)
        {
            blockers.AddRange(await gate.FindBlockersAsync(cancellationToken).ConfigureAwait(false));
        }

        if (blockers.Count > 0)
        {
            throw new PostPhaseGateClosedException(blockers.ToImmutable(), applied);
        }
    }

    private static void ThrowIfRefused(MigrationPlan plan)
    {
        if (plan.IsRefused)
        {
            throw new MigrationRefusedException(
                $"upgrade refused: the journal and the scripts disagree ({plan.Refusals.Length} problem(s)); nothing applied",
                plan.Refusals);
        }
    }
}
