namespace Cutover.Adoption;

/// <summary>A Cutover name for a script of the previous tool's folder, for a folder that has only the old names.</summary>
/// <param name="PreviousFile">The file, as a path below the previous tool's folder.</param>
/// <param name="CutoverName">The proposed file name: the tool's version as <c>VV.VV.VV</c> (a sequence number where
/// the tool has no versions) and a serial from 01, so every script lands in the pre phase (serials 01-49), as the
/// previous tool ran it, with old and new code compatible or not. Split contract steps into post-migrations (serial
/// 50-99) from the next release on.</param>
public sealed record ProposedScriptName(string PreviousFile, string CutoverName);
