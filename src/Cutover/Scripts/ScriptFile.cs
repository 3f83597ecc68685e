namespace Cutover.Scripts;

/// <summary>A file as a source hands it over, before any parsing: its name, where it came from and its text.</summary>
/// <param name="FileName">The bare file name, e.g. <c>03.00.00_01_pre_add_email.sql</c>.</param>
/// <param name="Location">Where it lives, for messages: a path, or <c>resource:Assembly/Name</c>.</param>
/// <param name="Content">The text as read (UTF-8).</param>
public sealed record ScriptFile(string FileName, string Location, string Content);
