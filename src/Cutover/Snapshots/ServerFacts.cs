namespace Cutover.Snapshots;

/// <summary>What a snapshot depends on besides the scripts: the server's major version and the extensions installed
/// in the maintenance database (name and version), which a migration's <c>CREATE EXTENSION</c> may pick up.</summary>
/// <param name="MajorVersion">The server's major version, e.g. 17.</param>
/// <param name="Extensions">Installed extensions as <c>name=version</c>, sorted and comma-separated.</param>
public readonly record struct ServerFacts(int MajorVersion, string Extensions)
{
    /// <summary><c>pg17 plpgsql=1.0</c>.</summary>
    public override string ToString() => $"pg{MajorVersion} {Extensions}";
}
