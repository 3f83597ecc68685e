using Npgsql;

namespace Cutover.PostDeploy;

/// <summary>The live state of one claimed attempt on this node: the claim, the operator's pending request, and the
/// progress bookkeeping. One instance per attempt, used by the attempt's own task and its heartbeat.</summary>
internal sealed class PostDeployRun
{
    private readonly PostDeployJournal _journal;
    private readonly IProgress<PostDeployProgress>? _progress;
    private readonly long _startTimestamp;
    private readonly long _rowsAtStart;
    private int _control = -1;
    private int _claimLost;

    public PostDeployRun(
        PostDeployClaimed claim, PostDeployJournal journal, TimeProvider timeProvider,
        IProgress<PostDeployProgress>? progress)
    {
        Claim = claim;
        _journal = journal;
        TimeProvider = timeProvider;
        _progress = progress;
        _startTimestamp = timeProvider.GetTimestamp();
        _rowsAtStart = claim.RowsDone;
        RowsDone = claim.RowsDone;
        RowsTotal = claim.RowsTotal;
    }

    public PostDeployClaimed Claim { get; }

    public TimeProvider TimeProvider { get; }

    public PostDeployJournal Journal => _journal;

    public long RowsDone { get; private set; }

    public long? RowsTotal { get; private set; }

    /// <summary>The operator's request seen by the last save or heartbeat, if any.</summary>
    /// <remarks>Kept as an int so that the heartbeat and the action's own saves can publish it without a lock.</remarks>
    public PostDeployControl? Control => Volatile.Read(ref _control) is var c and >= 0 ? (PostDeployControl)c : null;

    public bool ClaimLost => Volatile.Read(ref _claimLost) != 0;

    public void MarkClaimLost() => Volatile.Write(ref _claimLost, 1);

    public void ObserveControl(PostDeployControl? control)
    {
        if (control is { } requested)
        {
            Volatile.Write(ref _control, (int)requested);
        }
    }

    /// <summary>Saves cursor and progress fenced by the claim, in <paramref name="transaction"/> when given.</summary>
    public async Task SaveAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string? cursor, long? rowsDone, long? rowsTotal,
        CancellationToken cancellationToken)
    {
        try
        {
            var control = await _journal.SaveProgressAsync(connection, transaction, Claim, cursor, rowsDone, rowsTotal,
                TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            ObserveControl(control);
        }
        catch (PostDeployClaimLostException)
        {
            MarkClaimLost();
            throw;
        }
    }

    /// <summary>Records progress in memory and tells the observer; the journal is written by the caller.</summary>
    public void Report(long rowsDone, long? rowsTotal)
    {
        RowsDone = rowsDone;
        RowsTotal = rowsTotal ?? RowsTotal;
        if (_progress is null)
        {
            return;
        }

        var elapsed = TimeProvider.GetElapsedTime(_startTimestamp);
        double? rate = elapsed > TimeSpan.Zero && RowsDone > _rowsAtStart
            ? (RowsDone - _rowsAtStart) / elapsed.TotalSeconds
            : null;
        TimeSpan? remaining = rate is > 0 && RowsTotal is { } total
            ? TimeSpan.FromSeconds(Math.Max(0, total - RowsDone) / rate.Value)
            : null;
        _progress.Report(new PostDeployProgress(Claim.Item, RowsDone, RowsTotal, rate, remaining));
    }

    /// <summary>Throws when an operator asked this attempt to stop, so that loops stop at a safe boundary.</summary>
    public void ThrowIfStopRequested()
    {
        if (Control is not null)
        {
            throw new OperationCanceledException(
                $"{Claim.Item}: {(Control == PostDeployControl.Pause ? "pause" : "cancel")} requested by an operator");
        }
    }
}
