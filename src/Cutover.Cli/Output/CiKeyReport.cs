namespace Cutover.Cli.Output;

/// <summary>What <c>cutover ci key</c> prints. <c>IncludesServer</c> is false without <c>--connection</c>: the key then
/// hashes the files and the stage only.</summary>
internal sealed record CiKeyReport(string Key, string Template, string Stage, bool IncludesServer);
