namespace Cutover.Scripts;

/// <summary>The <c>schema.sql</c> that installs a fresh database in one go.</summary>
/// <param name="Location">Where the file lives, for messages.</param>
/// <param name="Body">The SQL text, BOM removed.</param>
/// <param name="Checksum">See <see cref="ScriptChecksum"/>.</param>
public sealed record SchemaScript(string Location, string Body, string Checksum);
