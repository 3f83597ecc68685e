namespace Cutover.Inspection;

/// <summary>A function's volatility category.</summary>
internal enum RoutineVolatility
{
    /// <summary><c>IMMUTABLE</c>.</summary>
    Immutable,

    /// <summary><c>STABLE</c>.</summary>
    Stable,

    /// <summary><c>VOLATILE</c>.</summary>
    Volatile,
}
