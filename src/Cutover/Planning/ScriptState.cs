namespace Cutover.Planning;

/// <summary>Where one migration stands in a database.</summary>
public enum ScriptState
{
    /// <summary>Not recorded yet.</summary>
    Pending,

    /// <summary>Applied by Cutover.</summary>
    Applied,

    /// <summary>Recorded by <c>baseline</c>.</summary>
    Baseline,

    /// <summary>Recorded by <c>install</c> from <c>schema.sql</c>.</summary>
    Schema,

    /// <summary>A no-transaction script that failed half-way.</summary>
    Failed,

    /// <summary>A no-transaction script being applied right now.</summary>
    Running,

    /// <summary>A no-transaction script whose run died half-way.</summary>
    Interrupted,

    /// <summary>Recorded, but its file changed since.</summary>
    ChecksumChanged,

    /// <summary>Recorded, but its file is gone.</summary>
    FileMissing,

    /// <summary>Recorded by <c>adopt</c>: another tool ran it.</summary>
    Adopted,
}
