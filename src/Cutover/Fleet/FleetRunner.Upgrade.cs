using System.Collections.Immutable;
using Cutover.Execution;
using Cutover.Planning;
using Npgsql;

namespace Cutover.Fleet;

public sealed partial class FleetRunner
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(250);

    /// <summary>Upgrades the fleet's targets: starts a run, or resumes the unfinished run of the same command, or
    /// resumes or joins the run <paramref name="options"/> names.</summary>
    /// <remarks>
    /// <para>Targets keep the file's order; <see cref="FleetUpgradeOptions.Select"/> and
    /// <see cref="FleetUpgradeOptions.Shard"/> pick from it, and waves follow it. A wave starts when the one before it
    /// finished within the failure budget; when failures exceed the budget the run stops and what was not started is
    /// marked skipped. A target that fails does not stop the others otherwise.</para>
    /// <para>Every state change is in the ledger before the next step, so a process killed at any moment leaves a
    /// run that a rerun of the same command, or <see cref="FleetUpgradeOptions.Resume"/>, finishes: done targets are
    /// not touched again, failed and skipped ones are tried again, and one that was running is upgraded again, which
    /// applies only what its own journal lacks.</para>
    /// </remarks>
    /// <exception cref="FleetFileException">The file's connections or queries are bad, or two targets share a name:
    /// nothing was run.</exception>
    /// <exception cref="FleetRunNotFoundException">The run to join or resume is not in the ledger.</exception>
    /// <exception cref="Connections.DatabaseUnavailableException">The control database or a query's server cannot be
    /// reached: nothing was run. (A target that cannot be reached fails alone.)</exception>
    public async Task<FleetRunResult> UpgradeAsync(FleetUpgradeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var started = _time.GetTimestamp();
        var (all, control) = await ExpandAsync(cancellationToken).ConfigureAwait(false);
        await using (control.ConfigureAwait(false))
        {
            var ledger = new FleetLedger(control);
            await ledger.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            var (run, resumed) = await StartOrResumeAsync(ledger, all, options, cancellationToken).ConfigureAwait(false);
            var exceeded = await WorkAsync(ledger, run, all.ToDictionary(t => t.Name, StringComparer.Ordinal),
                options.Progress, cancellationToken).ConfigureAwait(false);
            var targets = await ledger.ReadTargetsAsync(run.RunId, cancellationToken).ConfigureAwait(false);
            if (exceeded)
            {
                FleetLog.BudgetExceeded(_logger, run.RunId, run.Budget ?? 0);
            }

            return new FleetRunResult(run.RunId, run.Phase, resumed, exceeded, targets, _time.GetElapsedTime(started));
        }
    }

    private async Task<(FleetRunRecord Run, bool Resumed)> StartOrResumeAsync(
        FleetLedger ledger, ImmutableArray<FleetTarget> all, FleetUpgradeOptions options, CancellationToken cancellationToken)
    {
        if ((options.Join ?? options.Resume) is { } runId)
        {
            var named = await ledger.FindAsync(runId, cancellationToken).ConfigureAwait(false)
                ?? throw new FleetRunNotFoundException(runId);
            if (options.Resume is not null)
            {
                await ledger.RequeueAsync(runId, cancellationToken).ConfigureAwait(false);
            }

            FleetLog.RunStarted(_logger, runId, all.Length, named.Phase,
                options.Join is not null ? "joined" : "resumed");
            return (named, true);
        }

        var selected = all
            .Where(t => options.Select.All(s => t.Has(s.Key, s.Value)))
            .Where((_, i) => options.Shard is not { } shard || shard.Takes(i))
            .ToList();
        var select = options.Select.IsEmpty ? null : string.Join(",", options.Select.Select(s => s.Key + "=" + s.Value));
        var fingerprint = Fingerprint([.. selected], options, select);

        // Rerunning the same command resumes its unfinished run, as `fleet resume` would.
        if (await ledger.FindUnfinishedAsync(fingerprint, cancellationToken).ConfigureAwait(false) is { } unfinished)
        {
            await ledger.RequeueAsync(unfinished.RunId, cancellationToken).ConfigureAwait(false);
            FleetLog.RunStarted(_logger, unfinished.RunId, selected.Count, options.Phase, "resumed");
            return (unfinished, true);
        }

        var run = new FleetRunRecord(NewRunId(), fingerprint, options.Phase, options.Waves.Text, options.Budget, select,
            options.Shard?.ToString(), "running");
        var waves = options.Waves.Assign(selected.Count);
        await ledger.CreateAsync(run, [.. selected.Select((t, i) => (t.Name, t.Position, waves[i]))], cancellationToken)
            .ConfigureAwait(false);
        FleetLog.RunStarted(_logger, run.RunId, selected.Count, options.Phase, "new");
        return (run, false);
    }

    /// <summary>A run id short enough to type: the date, then random hex.</summary>
    private string NewRunId() =>
        _time.GetUtcNow().ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + "-" +
        Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));

    /// <summary>Runs <see cref="FleetOptions.Parallel"/> workers over the run's targets until none is left or the
    /// budget is exceeded; true when it was.</summary>
    private async Task<bool> WorkAsync(
        FleetLedger ledger, FleetRunRecord run, Dictionary<string, FleetTarget> byName,
        IProgress<FleetProgress>? progress, CancellationToken cancellationToken)
    {
        var worker = Guid.NewGuid();

        // The worker is alive while this connection is open: the ledger tells a dead worker's claims by it.
        var presence = await ledger.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (presence.ConfigureAwait(false))
        {
            await FleetLedger.RegisterAsync(presence, run.RunId, worker, cancellationToken).ConfigureAwait(false);
            var before = await ledger.ReadTargetsAsync(run.RunId, cancellationToken).ConfigureAwait(false);
            var tally = new FleetTally(run.RunId, before.Length, before.Count(t => t.State == FleetTargetState.Done),
                before.Count(t => t.State == FleetTargetState.Failed));
            var pulse = new FleetPulse();
            var exceeded = 0;
            var loops = Enumerable.Range(0, _options.Parallel).Select(_ => Task.Run(async () =>
            {
                if (await LoopAsync(ledger, run, worker, byName, pulse, tally, progress, cancellationToken)
                        .ConfigureAwait(false))
                {
                    Interlocked.Exchange(ref exceeded, 1);
                }
            }, cancellationToken)).ToList();
            await Task.WhenAll(loops).ConfigureAwait(false);
            return exceeded == 1;
        }
    }

    /// <summary>One worker loop: claim, upgrade, record, until the run has nothing left; true when it stopped on the
    /// budget.</summary>
    private async Task<bool> LoopAsync(
        FleetLedger ledger, FleetRunRecord run, Guid worker, Dictionary<string, FleetTarget> byName, FleetPulse pulse,
        FleetTally tally, IProgress<FleetProgress>? progress, CancellationToken cancellationToken)
    {
        string? held = null;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var claim = await ledger.ClaimAsync(run.RunId, worker, run.Budget, cancellationToken).ConfigureAwait(false);
                if (claim.Finished)
                {
                    pulse.Signal();
                    return claim.BudgetExceeded;
                }

                if (claim.Target is not { } name)
                {
                    // The current wave's last targets are still running (here or on another worker).
                    await pulse.WaitAsync(s_poll, _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (!byName.TryGetValue(name, out var target))
                {
                    await ledger.FinishAsync(run.RunId, name, worker, FleetTargetState.Failed, null,
                        "not in the fleet file any more", cancellationToken).ConfigureAwait(false);
                    tally.Finished(FleetTargetState.Failed);
                    pulse.Signal();
                    continue;
                }

                // Rent the next pool before giving back the last one, so that consecutive schemas of one database
                // keep their pool and connections.
                var dataSource = _pools.Rent(target.Settings);
                if (held is not null)
                {
                    await _pools.ReturnAsync(held).ConfigureAwait(false);
                }

                held = target.Settings;
                if (claim.WasRunning)
                {
                    FleetLog.TargetResumed(_logger, name);
                }

                await UpgradeTargetAsync(ledger, run, worker, target, dataSource, tally, progress, cancellationToken)
                    .ConfigureAwait(false);
                pulse.Signal();
            }
        }
        finally
        {
            if (held is not null)
            {
                await _pools.ReturnAsync(held).ConfigureAwait(false);
            }
        }
    }

    private async Task UpgradeTargetAsync(
        FleetLedger ledger, FleetRunRecord run, Guid worker, FleetTarget target, NpgsqlDataSource dataSource,
        FleetTally tally, IProgress<FleetProgress>? progress, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        progress?.Report(tally.Started(target.Name));
        FleetTargetState state;
        int? applied = null;
        string? error = null;
        try
        {
            var result = await MigratorFor(target, dataSource)
                .UpgradeAsync(new UpgradeOptions { Plan = new PlanRequest(run.Phase) }, cancellationToken)
                .ConfigureAwait(false);
            state = FleetTargetState.Done;
            applied = result.Applied.Length;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped (SIGTERM): the migrator rolled its script back; the target goes back to pending for the
            // resumed run. Should this write not make it, the next worker finds the claim dead and checks the target.
            await ledger.FinishAsync(run.RunId, target.Name, worker, FleetTargetState.Pending, null, null,
                CancellationToken.None).ConfigureAwait(false);
            tally.Abandoned();
            throw;
        }
        catch (Exception e) when (e is CutoverException or NpgsqlException or TimeoutException)
        {
            // One target's failure is that target's: recorded, and the run goes on within its budget. A connection
            // broken mid-run surfaces as an NpgsqlException rather than one of Cutover's.
            state = FleetTargetState.Failed;
            error = e.Message.ReplaceLineEndings(" ").Trim();
        }

        var elapsed = _time.GetElapsedTime(started);
        await ledger.FinishAsync(run.RunId, target.Name, worker, state, applied, error, cancellationToken)
            .ConfigureAwait(false);
        if (state == FleetTargetState.Done)
        {
            FleetLog.TargetDone(_logger, target.Name, applied ?? 0, (long)elapsed.TotalMilliseconds);
        }
        else
        {
            FleetLog.TargetFailed(_logger, target.Name, error ?? "");
        }

        progress?.Report(tally.Finished(state) with
        {
            Target = target.Name,
            Applied = applied ?? 0,
            Elapsed = elapsed,
            Error = error,
        });
    }
}
