using System.Globalization;

namespace Cutover.Benchmarks;

/// <summary>The benchmarks' migration set: a realistic mix of tables, indexes, added columns with defaults and
/// comments, plpgsql functions with semicolons in their bodies, and views; named <c>xx.yy.00_01_pre_step_N.sql</c>.
/// </summary>
internal static class GeneratedMigrations
{
    /// <summary>Writes <paramref name="count"/> scripts into <paramref name="folder"/> and returns them concatenated, in
    /// order (the floor's input).</summary>
    public static string WriteTo(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        var all = new System.Text.StringBuilder();
        for (var i = 1; i <= count; i++)
        {
            var sql = Sql(i);
            File.WriteAllText(Path.Combine(folder, FileName(i)), sql);
            all.AppendLine(sql);
        }

        return all.ToString();
    }

    public static string FileName(int i) =>
        string.Create(CultureInfo.InvariantCulture, $"{i / 100:00}.{i % 100:00}.00_01_pre_step_{i}.sql");

    public static string Sql(int i) => (i % 5) switch
    {
        0 => $"CREATE TABLE t{i} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, created_at timestamptz DEFAULT now());\nCREATE INDEX t{i}_name ON t{i} (name);",
        1 => $"CREATE TABLE t{i} (id bigint PRIMARY KEY, payload jsonb);\nINSERT INTO t{i} SELECT g, jsonb_build_object('n', g) FROM generate_series(1, 20) g;",
        2 => $"CREATE TABLE t{i} (id int PRIMARY KEY);\nALTER TABLE t{i} ADD COLUMN status text NOT NULL DEFAULT 'new';\nCOMMENT ON COLUMN t{i}.status IS 'step {i}';",
        3 => $"CREATE FUNCTION f{i}(n int) RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n    RETURN n + {i}; -- semicolons inside the body\nEND;\n$$;",
        _ => $"CREATE TABLE t{i} (id int PRIMARY KEY, amount numeric(12,2));\nCREATE VIEW v{i} AS SELECT id, amount * 2 AS doubled FROM t{i};",
    };
}
