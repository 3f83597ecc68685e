namespace Cutover.PostDeploy;

/// <summary>A key column of a backfilled table as the catalog describes it.</summary>
/// <param name="Name">The column's name.</param>
/// <param name="Type">Its type, as <c>format_type</c> prints it (for messages).</param>
/// <param name="IsInteger">smallint, integer or bigint (or a domain over one): such a key alone walks as it always
/// did, with bigint bounds and a plain integer cursor.</param>
/// <param name="NotNull">Declared <c>NOT NULL</c> (a primary key column is).</param>
internal sealed record BackfillKeyColumn(string Name, string Type, bool IsInteger, bool NotNull)
{
    public string Quoted => SqlIdentifier.Quote(Name);
}
