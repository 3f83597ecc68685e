using System.Collections.Immutable;
using Cutover.Adoption;
using Cutover.Connections;
using Cutover.Journal;
using Cutover.Scripts;
using Npgsql;

namespace Cutover.Execution;

public sealed partial class Migrator
{
    /// <summary>Records in the journal, as <c>adopted</c>, every script of this migration set that another tool's
    /// history says ran: each entry is matched to its file in that tool's folder (by the tool's naming, and its
    /// checksum where it records one), and the file to the script with the same content. One transaction, under the
    /// deploy lock; the other tool's table is left as it was. Afterwards <see cref="UpgradeAsync"/> applies exactly
    /// what the other tool had not.</summary>
    /// <remarks>A dry run reads without the deploy lock and writes nothing; its result lists the problems a real
    /// run would refuse with. Adopting again is harmless: scripts already recorded are left as they are.</remarks>
    /// <exception cref="AdoptionRefusedException">The history names a script the folder lacks, a checksum differs, an
    /// entry failed, a file has no counterpart in this set, the history would leave a gap that upgrade fills out of
    /// order, or there is no such history: every problem is listed and nothing was written.</exception>
    /// <exception cref="ScriptParseException">The previous tool's folder is missing or holds unreadable files.</exception>
    /// <exception cref="JournalSchemaNotFoundException">The journal's schema does not exist.</exception>
    /// <exception cref="DeployLockTimeoutException">Another run held the deploy lock too long.</exception>
    /// <exception cref="DatabaseUnavailableException">The database cannot be reached.</exception>
    public async Task<AdoptionResult> AdoptAsync(AdoptionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var folder = PreviousScriptFolder.Read(options.PreviousScriptsFolder, cancellationToken);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var deployLock = options.DryRun ? null : await LockAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await AdoptLockedAsync(connection, options, folder, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (deployLock is not null)
                {
                    await deployLock.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }

    private async Task<AdoptionResult> AdoptLockedAsync(
        NpgsqlConnection connection, AdoptionOptions options, PreviousScriptFolder folder,
        CancellationToken cancellationToken)
    {
        var (table, history) = await FindHistoryAsync(connection, options, cancellationToken).ConfigureAwait(false);
        var entries = await history.ReadAsync(connection, table, cancellationToken).ConfigureAwait(false);
        var journal = await _journal.ReadIfExistsAsync(connection, cancellationToken).ConfigureAwait(false);
        if (journal is null)
        {
            await _journal.ThrowIfSchemaMissingAsync(connection, cancellationToken).ConfigureAwait(false);
        }

        var plan = AdoptionPlanner.Plan(history, entries, folder, Scripts, journal ?? []);
        var result = new AdoptionResult(
            options.From, table.ToString(), _options.JournalTable.ToString(),
            [.. plan.Claims.Select(c => new AdoptedScript(c.Script.Name.Name, c.File?.RelativePath, c.Entry.Reference,
                c.Entry.AppliedAt, c.AlreadyRecorded))],
            plan.Skipped, [.. plan.Pending.Select(s => s.Name.Name)], plan.Proposals,
            options.DryRun ? plan.Problems : [], options.DryRun);
        if (!plan.Problems.IsEmpty && !options.DryRun)
        {
            throw new AdoptionRefusedException(
                $"adopt refused: {plan.Problems.Length} problem(s) with {PreviousTools.DisplayName(options.From)}'s " +
                $"history {table}; nothing was written", plan.Problems);
        }

        var toRecord = plan.Claims.Where(c => !c.AlreadyRecorded).ToList();
        if (options.DryRun || toRecord.Count == 0)
        {
            return result;
        }

        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            if (journal is null)
            {
                await _journal.EnsureCreatedAsync(connection, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _journal.WidenForAdoptionAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            var batch = new NpgsqlBatch(connection, transaction);
            await using (batch.ConfigureAwait(false))
            {
                var appliedBy = AppliedBy(connection);
                foreach (var claim in toRecord)
                {
                    batch.BatchCommands.Add(_journal.AdoptCommand(claim.Script, claim.Entry.AppliedAt,
                        claim.Entry.Kind == HistoryEntryKind.Script ? claim.Entry.DurationMs : null, appliedBy,
                        claim.Source(options.From)));
                }

                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        ExecutionLog.HistoryAdopted(_logger, toRecord.Count, options.From, table, _options.JournalTable, plan.Pending.Length);
        return result;
    }

    /// <summary>The history table asked for, or the first of the tool's defaults that exists, and the layout its
    /// columns show.</summary>
    private static async Task<(JournalTableName Table, PreviousToolHistory History)> FindHistoryAsync(
        NpgsqlConnection connection, AdoptionOptions options, CancellationToken cancellationToken)
    {
        var tool = PreviousTools.DisplayName(options.From);
        var candidates = options.HistoryTable is { } asked ? [asked] : PreviousToolHistory.DefaultTables(options.From);
        foreach (var table in candidates)
        {
            var columns = await HistoryTableColumns.ReadAsync(connection, table, cancellationToken).ConfigureAwait(false);
            if (columns.Count == 0)
            {
                continue;
            }

            var history = PreviousToolHistory.For(options.From, columns);
            var missing = history.RequiredColumns.Where(c => !columns.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                var looksLike = HistoryTableColumns.Recognize(columns) is { } other && other != options.From
                    ? $" (it looks like {PreviousTools.DisplayName(other)}'s: --from {PreviousTools.CommandName(other)}?)"
                    : "";
                throw new AdoptionRefusedException($"adopt refused: {table} is not {tool}'s history; nothing was written",
                    [new(AdoptionProblemKind.HistoryNotFound, table.ToString(),
                        $"lacks column(s) {string.Join(", ", missing)}{looksLike}")]);
            }

            return (table, history);
        }

        throw new AdoptionRefusedException($"adopt refused: no {tool} history found; nothing was written",
            [new(AdoptionProblemKind.HistoryNotFound, string.Join(", ", candidates),
                options.HistoryTable is null
                    ? $"no such table in this database: name {tool}'s table with --history schema.table"
                    : "no such table in this database")]);
    }
}
