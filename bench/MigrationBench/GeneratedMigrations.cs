using System.Collections.Immutable;
using System.Text;

namespace MigrationBench;

/// <summary>The generated migrations every approach applies, written once as Cutover names them; each peer lays
/// out its own copy under <see cref="Workspace"/> in the names its tool expects.</summary>
internal sealed record GeneratedMigrations(string Workspace, string Folder, string Concatenated,
    string ConcatenatedInTransactions, ImmutableArray<GeneratedMigration> Migrations)
{
    public int Count => Migrations.Length;

    public static GeneratedMigrations Write(int count)
    {
        var workspace = Directory.CreateTempSubdirectory("cutover-bench-").FullName;
        var folder = Path.Combine(workspace, "migrations");
        Directory.CreateDirectory(folder);
        var migrations = ImmutableArray.CreateBuilder<GeneratedMigration>(count);
        var all = new StringBuilder();
        var each = new StringBuilder();
        for (var i = 1; i <= count; i++)
        {
            // 00.01.00 ... 05.00.00: zero-padded, so name order is version order for the tools that sort by name.
            var migration = new GeneratedMigration(i, $"{i / 100:00}.{i % 100:00}.00_01_pre_step_{i}.sql", Sql(i));
            File.WriteAllText(Path.Combine(folder, migration.FileName), migration.Sql);
            all.AppendLine(migration.Sql);
            each.Append("BEGIN;\n").AppendLine(migration.Sql).Append("COMMIT;\n");
            migrations.Add(migration);
        }

        var concatenated = Path.Combine(workspace, "all.sql");
        File.WriteAllText(concatenated, all.ToString());
        var inTransactions = Path.Combine(workspace, "each.sql");
        File.WriteAllText(inTransactions, each.ToString());
        return new GeneratedMigrations(workspace, folder, concatenated, inTransactions, migrations.MoveToImmutable());
    }

    /// <summary>A folder of the workspace for one peer's own files.</summary>
    public string PeerFolder(params string[] parts)
    {
        var path = Path.Combine([Workspace, .. parts]);
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

    private static string Sql(int i) => (i % 5) switch
    {
        // A realistic mix: tables, indexes, added columns, functions with dollar-quoted bodies, views.
        0 => $"CREATE TABLE t{i} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, created_at timestamptz DEFAULT now());\nCREATE INDEX t{i}_name ON t{i} (name);",
        1 => $"CREATE TABLE t{i} (id bigint PRIMARY KEY, payload jsonb);\nINSERT INTO t{i} SELECT g, jsonb_build_object('n', g) FROM generate_series(1, 20) g;",
        2 => $"CREATE TABLE t{i} (id int PRIMARY KEY);\nALTER TABLE t{i} ADD COLUMN status text NOT NULL DEFAULT 'new';\nCOMMENT ON COLUMN t{i}.status IS 'step {i}';",
        3 => $"CREATE FUNCTION f{i}(n int) RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n    RETURN n + {i}; -- semicolons inside the body\nEND;\n$$;",
        _ => $"CREATE TABLE t{i} (id int PRIMARY KEY, amount numeric(12,2));\nCREATE VIEW v{i} AS SELECT id, amount * 2 AS doubled FROM t{i};",
    };
}
