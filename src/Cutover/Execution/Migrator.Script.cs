using System.Text;
using Cutover.Connections;
using Cutover.Journal;
using Cutover.Planning;

namespace Cutover.Execution;

public sealed partial class Migrator
{
    /// <summary>The SQL an upgrade would run, journal inserts included, for DBAs who apply by hand with
    /// <c>psql -f</c>. Read-only.</summary>
    /// <exception cref="MigrationRefusedException">The upgrade would be refused.</exception>
    /// <exception cref="JournalSchemaNotFoundException">The journal's schema does not exist.</exception>
    /// <exception cref="DatabaseUnavailableException">The database cannot be reached.</exception>
    public async Task<string> ScriptAsync(PlanRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await _journal.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
            var plan = Planner.Plan(Scripts, rows, request);
            ThrowIfRefused(plan);

            var sql = new StringBuilder();
            sql.Append("-- cutover upgrade --phase ").Append(request.Phase.ToString().ToLowerInvariant())
                .Append(": ").Append(plan.Steps.Length).AppendLine(" script(s)");
            if (plan.Remark is not null)
            {
                sql.Append("-- ").AppendLine(plan.Remark);
            }

            sql.AppendLine("\\set ON_ERROR_STOP on").AppendLine();
            sql.Append(_journal.CreateSql).AppendLine(";").AppendLine();
            var lockTimeout = SqlIdentifier.QuoteLiteral(DeployLock.Milliseconds(_options.LockTimeout));
            var statementTimeout = SqlIdentifier.QuoteLiteral(DeployLock.Milliseconds(_options.StatementTimeout));
            foreach (var script in plan.Steps)
            {
                sql.Append("-- ").Append(script.Name.FileName).Append(" (").Append(JournalTable.FormatPhase(script.Phase))
                    .AppendLine(")");
                if (script.RunsInTransaction)
                {
                    sql.AppendLine("BEGIN;").Append("SET LOCAL lock_timeout = ").Append(lockTimeout).AppendLine(";")
                        .Append("SET LOCAL statement_timeout = ").Append(statementTimeout).AppendLine(";");
                }
                else
                {
                    sql.Append("SET lock_timeout = ").Append(lockTimeout).AppendLine(";")
                        .Append("SET statement_timeout = ").Append(statementTimeout).AppendLine(";");
                }

                sql.AppendLine(script.Body.TrimEnd()).AppendLine(";");
                sql.AppendLine(_journal.InsertLiteralSql(script, JournalEntryKind.Applied));
                sql.AppendLine(script.RunsInTransaction ? "COMMIT;" : "RESET lock_timeout;\nRESET statement_timeout;").AppendLine();
            }

            return sql.ToString();
        }
    }
}
