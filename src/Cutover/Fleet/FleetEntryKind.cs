namespace Cutover.Fleet;

/// <summary>What one entry of a fleet file's <c>targets</c> names.</summary>
internal enum FleetEntryKind
{
    /// <summary><c>connection</c> alone: one database.</summary>
    Database,

    /// <summary><c>databases</c> with <c>server</c>: a query whose rows name databases on that server.</summary>
    Databases,

    /// <summary><c>schemas</c> with <c>connection</c>: a query whose rows name schemas in that database.</summary>
    Schemas,
}
