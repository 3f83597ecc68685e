using Cutover.Scripts;

namespace Cutover.Tests.Snapshots;

/// <summary>Writes migration sets without dollar quotes (the statement splitter in this branch is a stub): one table
/// per release, an index as pre-migration and a column drop as post-migration. Table names carry a tag so that sets of
/// different tests never share a prefix on the shared server.</summary>
public static class GeneratedMigrations
{
    public static string Write(int releases, string? tag = null)
    {
        var folder = Directory.CreateTempSubdirectory("cutover-snap-").FullName;
        tag ??= Guid.NewGuid().ToString("N")[..8];
        for (var i = 1; i <= releases; i++)
        {
            Add(folder, i, tag);
        }

        return folder;
    }

    /// <summary>Adds release <paramref name="release"/>: a pre-migration creating a table and a post-migration
    /// dropping its spare column.</summary>
    public static void Add(string folder, int release, string tag)
    {
        var version = $"{release:00}.00.00";
        var table = $"t_{tag}_{release}";
        File.WriteAllText(Path.Combine(folder, $"{version}_01_pre_create_{table}.sql"),
            $"CREATE TABLE {table} (id bigint PRIMARY KEY, name text NOT NULL, spare text);\n" +
            $"CREATE INDEX {table}_name ON {table} (name);\n");
        File.WriteAllText(Path.Combine(folder, $"{version}_50_post_drop_{table}_spare.sql"),
            $"ALTER TABLE {table} DROP COLUMN spare;\n");
    }

    public static Task<MigrationSet> LoadAsync(string folder) =>
        MigrationSet.LoadAsync(new DirectoryScriptSource(folder), TestContext.Current.CancellationToken);
}
