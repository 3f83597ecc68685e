using Cutover.Scripts;

namespace Cutover.Planning;

/// <summary>One line of <c>cutover status</c>.</summary>
/// <param name="Name">The script's journal name.</param>
/// <param name="Version">Its version, as written.</param>
/// <param name="Phase">Its phase.</param>
/// <param name="State">Where it stands.</param>
/// <param name="AppliedAt">When it was recorded, if it was.</param>
public sealed record ScriptStatus(string Name, string Version, Phase Phase, ScriptState State, DateTimeOffset? AppliedAt);
