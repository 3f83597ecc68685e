using System.Collections.Immutable;
using System.Text;
using Cutover.Benchmarks;

namespace MigrationBench;

/// <summary>The benchmarks' generated migrations (bench/Shared), written once as Cutover names them, with the two
/// concatenations the psql floors run; each peer lays out its own copy under <see cref="Root"/> in the names its
/// tool expects.</summary>
internal sealed record MigrationWorkspace(string Root, string Folder, string Concatenated,
    string ConcatenatedInTransactions, ImmutableArray<GeneratedMigration> Migrations)
{
    public int Count => Migrations.Length;

    public static MigrationWorkspace Write(int count)
    {
        var root = Directory.CreateTempSubdirectory("cutover-bench-").FullName;
        var folder = Path.Combine(root, "migrations");
        Directory.CreateDirectory(folder);
        var migrations = ImmutableArray.CreateBuilder<GeneratedMigration>(count);
        var all = new StringBuilder();
        var each = new StringBuilder();
        for (var i = 1; i <= count; i++)
        {
            // 00.01.00 ... 05.00.00: zero-padded, so name order is version order for the tools that sort by name.
            var migration = new GeneratedMigration(i, GeneratedMigrations.FileName(i), GeneratedMigrations.Sql(i));
            File.WriteAllText(Path.Combine(folder, migration.FileName), migration.Sql);
            all.AppendLine(migration.Sql);
            each.Append("BEGIN;\n").AppendLine(migration.Sql).Append("COMMIT;\n");
            migrations.Add(migration);
        }

        var concatenated = Path.Combine(root, "all.sql");
        File.WriteAllText(concatenated, all.ToString());
        var inTransactions = Path.Combine(root, "each.sql");
        File.WriteAllText(inTransactions, each.ToString());
        return new MigrationWorkspace(root, folder, concatenated, inTransactions, migrations.MoveToImmutable());
    }

    /// <summary>A folder of the workspace for one peer's own files.</summary>
    public string PeerFolder(params string[] parts)
    {
        var path = Path.Combine([Root, .. parts]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Copies every migration into a folder of the workspace under the name (and, where the tool wants
    /// markers around it, the text) a peer's tool expects; returns the folder.</summary>
    public string CopyTo(string folder, Func<GeneratedMigration, string> name, Func<GeneratedMigration, string>? text = null)
    {
        var path = PeerFolder(folder);
        foreach (var migration in Migrations)
        {
            File.WriteAllText(Path.Combine(path, name(migration)), text is null ? migration.Sql : text(migration));
        }

        return path;
    }

    /// <summary>Counts what the migrations leave behind (each makes exactly one table <c>tN</c> or function
    /// <c>fN</c>), so a tool that skipped or merged a script is caught, not timed.</summary>
    public const string CountObjectsSql = """
        SELECT (SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace
                AND relname ~ '^t[0-9]+$')
             + (SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND proname ~ '^f[0-9]+$')
        """;
}
