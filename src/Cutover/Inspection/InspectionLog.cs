using Microsoft.Extensions.Logging;

namespace Cutover.Inspection;

/// <summary>The log messages of the Inspection capability (event ids 5xxx).</summary>
internal static partial class InspectionLog
{
    [LoggerMessage(EventId = CutoverEventIds.SchemaInspecting, Level = LogLevel.Debug,
        Message = "Inspecting {Host}:{Port}/{Database} (PostgreSQL {ServerMajorVersion})")]
    public static partial void Inspecting(ILogger logger, string? host, int port, string? database, int serverMajorVersion);

    [LoggerMessage(EventId = CutoverEventIds.SchemaInspected, Level = LogLevel.Information,
        Message = "Inspected {Database}: {TableCount} tables, {RoutineCount} routines, {ObjectCount} objects in {ElapsedMs} ms")]
    public static partial void Inspected(
        ILogger logger, string? database, int tableCount, int routineCount, int objectCount, long elapsedMs);

    [LoggerMessage(EventId = CutoverEventIds.CatalogQuery, Level = LogLevel.Trace, Message = "Catalog query: {Sql}")]
    public static partial void CatalogQuery(ILogger logger, string sql);

    [LoggerMessage(EventId = CutoverEventIds.SchemasCompared, Level = LogLevel.Information,
        Message = "Compared {LeftName} with {RightName}: {DifferenceCount} differences, {NoteCount} notes")]
    public static partial void Compared(
        ILogger logger, string leftName, string rightName, int differenceCount, int noteCount);
}
