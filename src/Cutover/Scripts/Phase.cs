namespace Cutover.Scripts;

/// <summary>When a migration may run in a blue-green deploy.</summary>
public enum Phase
{
    /// <summary>Expand: applied while the old code still serves, so it must stay backward compatible.</summary>
    Pre,

    /// <summary>Contract: applied once only the new code runs.</summary>
    Post,
}
