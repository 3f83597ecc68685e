using Cutover.Connections;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cutover.PostDeploy;

/// <summary>What an action gets for one run: where to connect, how to log, where it left off, and how to save
/// progress and cursor so that a crash resumes instead of starting over.</summary>
/// <remarks>One instance per attempt; not meant to be shared across threads except for progress reporting.</remarks>
public sealed class PostDeployContext
{
    private readonly PostDeployRun _run;
    private readonly NpgsqlDataSource _journalDataSource;

    internal PostDeployContext(
        PostDeployRun run, PostDeployTenant? tenant, NpgsqlDataSource journalDataSource, ILogger logger,
        IServiceProvider services, CancellationToken cancellationToken)
    {
        _run = run;
        _journalDataSource = journalDataSource;
        Tenant = tenant;
        DataSource = tenant?.DataSource ?? journalDataSource;
        Logger = logger;
        Services = services;
        CancellationToken = cancellationToken;
    }

    /// <summary>The action's id.</summary>
    public string ActionId => _run.Claim.Item.ActionId;

    /// <summary>The tenant this run is for; null when the action does not run per tenant.</summary>
    public PostDeployTenant? Tenant { get; }

    /// <summary>Which attempt this is, from 1.</summary>
    public int Attempt => _run.Claim.Attempt;

    /// <summary>The cursor the previous attempt saved, or null on a fresh start.</summary>
    public string? Cursor => _run.Claim.Cursor;

    /// <summary>The tenant's data source, or the main one; prefer <see cref="OpenConnectionAsync"/>, which also sets
    /// the tenant's <c>search_path</c>.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>A logger named after the action's class.</summary>
    public ILogger Logger { get; }

    /// <summary>The service provider the action was created from (empty when the runner was given none).</summary>
    public IServiceProvider Services { get; }

    /// <summary>The clock, for actions that measure or wait.</summary>
    public TimeProvider TimeProvider => _run.TimeProvider;

    /// <summary>Cancelled when the node shuts down, the claim is lost, or an operator pauses or cancels.</summary>
    public CancellationToken CancellationToken { get; }

    internal PostDeployRun Run => _run;

    internal bool SharesJournalDatabase => Tenant?.DataSource is null;

    internal NpgsqlDataSource JournalDataSource => _journalDataSource;

    /// <summary>Opens a connection to the tenant's database with the tenant's schema first on <c>search_path</c>.</summary>
    /// <exception cref="DatabaseUnavailableException">The database cannot be reached.</exception>
    public async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = await DatabaseConnection.OpenAsync(DataSource, cancellationToken).ConfigureAwait(false);
        if (Tenant?.Schema is { } schema)
        {
            try
            {
                var command = new NpgsqlCommand("SELECT set_config('search_path', @path, false)", connection);
                await using (command.ConfigureAwait(false))
                {
                    command.Parameters.AddWithValue("path", SqlIdentifier.Quote(schema) + ", public");
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        return connection;
    }

    /// <summary>Records progress (rows or units done, and the total when known) in the journal and on the live
    /// progress line.</summary>
    /// <exception cref="PostDeployClaimLostException">Another node took the action over.</exception>
    public async Task ReportProgressAsync(long done, long? total = null, CancellationToken cancellationToken = default)
    {
        var connection = await DatabaseConnection.OpenAsync(_journalDataSource, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await _run.SaveAsync(connection, null, null, done, total, cancellationToken).ConfigureAwait(false);
        }

        _run.Report(done, total);
    }

    /// <summary>Saves a cursor inside <paramref name="transaction"/>, so that the work done in that transaction and
    /// the cursor commit together or not at all; the next attempt sees it as <see cref="Cursor"/>.</summary>
    /// <remarks>The transaction must be on the journal's database (true unless the tenant has a database of its
    /// own). The write is fenced by this node's claim: when the claim was taken over it throws, and the caller's
    /// transaction must roll back.</remarks>
    /// <exception cref="PostDeployClaimLostException">Another node took the action over.</exception>
    public async Task SaveCursorAsync(
        string cursor, NpgsqlTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        ArgumentNullException.ThrowIfNull(transaction);
        var connection = transaction.Connection ?? throw new ArgumentException("the transaction is finished", nameof(transaction));
        await _run.SaveAsync(connection, transaction, cursor, null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a batched backfill over a table by key range, committing each batch with its cursor; resumes
    /// from the saved cursor after a crash, pause or failure.</summary>
    /// <exception cref="PostDeployClaimLostException">Another node took the action over.</exception>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public Task<BackfillResult> BackfillAsync(BackfillOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new Backfill(this, options).RunAsync(cancellationToken);
    }
}
