using System.Globalization;
using Npgsql;

namespace Cutover.PostDeploy;

/// <summary>One batch of a backfill, handed to <see cref="BackfillOptions.ProcessBatch"/>: work inside
/// <see cref="Transaction"/> commits together with the cursor.</summary>
/// <remarks>The batch is the keys from <see cref="First"/> to <see cref="Last"/>, both included, in the key's order
/// (its columns' collations for text). <see cref="AddKeyParameters"/> gives a command the same parameters
/// <see cref="BackfillOptions.BatchSql"/> receives, so one statement serves both.</remarks>
/// <param name="Connection">The batch's connection (tenant's <c>search_path</c> set).</param>
/// <param name="Transaction">The batch's transaction; do not commit or roll it back.</param>
/// <param name="Lower">For a single integer key, the exclusive lower key bound (the cursor); 0 for other keys.</param>
/// <param name="Upper">For a single integer key, the inclusive upper key bound; 0 for other keys.</param>
/// <param name="Rows">How many keys lie in the range.</param>
public sealed record BackfillBatch(
    NpgsqlConnection Connection, NpgsqlTransaction Transaction, long Lower, long Upper, int Rows)
{
    /// <summary>The batch's first key (included), one text value per key column.</summary>
    public BackfillKey First { get; init; } = new([]);

    /// <summary>The batch's last key (included), one text value per key column; the cursor once the batch commits.</summary>
    public BackfillKey Last { get; init; } = new([]);

    /// <summary>Whether the key is a single integer column, walked with bigint bounds.</summary>
    internal bool IntegerKey { get; init; }

    /// <summary>Adds the batch's bounds to <paramref name="command"/> as <see cref="BackfillOptions.BatchSql"/> gets
    /// them: <c>@first</c>/<c>@last</c> (single-column keys) and <c>@first1</c>…<c>@firstN</c>,
    /// <c>@last1</c>…<c>@lastN</c> (one per key column, in order), all inclusive; for a single integer key also
    /// <c>@lower</c> (exclusive) and <c>@upper</c> (inclusive).</summary>
    /// <remarks>Integer bounds are bigint. Other values are text of unknown type, which PostgreSQL reads with the type
    /// of the column they are compared with, as it reads a quoted literal: write <c>id BETWEEN @first AND @last</c>
    /// or <c>(tenant_id, id) BETWEEN (@first1, @first2) AND (@last1, @last2)</c>, and cast (<c>@first::uuid</c>) only
    /// where nothing gives the type away.</remarks>
    public void AddKeyParameters(NpgsqlCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (IntegerKey)
        {
            command.Parameters.AddWithValue("lower", Lower);
            command.Parameters.AddWithValue("upper", Upper);
            var first = long.Parse(First.Values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue("first", first);
            command.Parameters.AddWithValue("last", Upper);
            command.Parameters.AddWithValue("first1", first);
            command.Parameters.AddWithValue("last1", Upper);
            return;
        }

        if (First.Values.Length == 1)
        {
            command.Parameters.Add(BackfillKeyset.UnknownText("first", First.Values[0]));
            command.Parameters.Add(BackfillKeyset.UnknownText("last", Last.Values[0]));
        }

        for (var i = 0; i < First.Values.Length; i++)
        {
            var ordinal = (i + 1).ToString(CultureInfo.InvariantCulture);
            command.Parameters.Add(BackfillKeyset.UnknownText("first" + ordinal, First.Values[i]));
            command.Parameters.Add(BackfillKeyset.UnknownText("last" + ordinal, Last.Values[i]));
        }
    }
}
