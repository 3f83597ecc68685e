namespace Cutover.Inspection;

/// <summary>What kind of routine a <see cref="RoutineModel"/> is.</summary>
internal enum RoutineKind
{
    /// <summary>A function.</summary>
    Function,

    /// <summary>A procedure.</summary>
    Procedure,

    /// <summary>An aggregate.</summary>
    Aggregate,

    /// <summary>A window function.</summary>
    Window,
}
