namespace Cutover.Snapshots;

/// <summary>The file cache: one <c>pg_dump -Fc</c> per snapshot key, for CI runners whose server is new each job.</summary>
/// <remarks>Custom-format archives are restored with <c>pg_restore</c>, so the <c>\restrict</c> lines that recent
/// <c>pg_dump</c> versions write into plain-text dumps (which only <c>psql</c> understands) never matter here. A file
/// is written to a temporary name and renamed, so a job killed mid-dump leaves no half file under the key.</remarks>
internal sealed class SnapshotStore(string directory, ClientPrograms programs)
{
    public string PathFor(SnapshotKey key) => Path.Combine(directory, "cutover-" + key.Short + ".pgdump");

    public bool Contains(SnapshotKey key) => File.Exists(PathFor(key));

    public async Task SaveAsync(SnapshotKey key, string database, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var target = PathFor(key);
        var temporary = target + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            await programs.RunAsync("pg_dump", ["-Fc", "-Z", "1", "-f", temporary, "-d", database], cancellationToken)
                .ConfigureAwait(false);
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Task RestoreAsync(SnapshotKey key, string database, CancellationToken cancellationToken) =>
        programs.RunAsync("pg_restore", ["--no-owner", "--exit-on-error", "-d", database, PathFor(key)], cancellationToken);
}
