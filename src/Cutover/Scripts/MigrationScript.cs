namespace Cutover.Scripts;

/// <summary>One parsed migration file: its name, phase, body and checksum.</summary>
/// <param name="Name">The parsed file name (version, serial, phase).</param>
/// <param name="Location">Where the file lives, for messages.</param>
/// <param name="Body">The SQL text, BOM removed.</param>
/// <param name="Checksum">See <see cref="ScriptChecksum"/>.</param>
/// <param name="RunsInTransaction">False when the script opts out with <c>-- cutover:no-transaction</c>: it then
/// runs statement by statement (for <c>CREATE INDEX CONCURRENTLY</c> and friends).</param>
public sealed record MigrationScript(ScriptName Name, string Location, string Body, string Checksum, bool RunsInTransaction)
{
    /// <summary>The phase, from the name.</summary>
    public Phase Phase => Name.Phase;

    /// <summary>The version, from the name.</summary>
    public ScriptVersion Version => Name.Version;
}
