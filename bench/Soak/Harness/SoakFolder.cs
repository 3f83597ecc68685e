using System.Globalization;

namespace Cutover.Soak;

/// <summary>Writes a mixed migration folder for one soak round: a setup script, then per version a random mix of
/// transactional scripts with marker rows, slow ones, and no-transaction concurrent index builds, ending with a
/// concurrent reindex.</summary>
internal static class SoakFolder
{
    // Expressions for the concurrent indexes: text columns and expressions make the build take a moment.
    private static readonly string[] s_indexExpressions =
        ["c", "a, b", "lower(c)", "b, c", "md5(c)", "(a + b)", "c text_pattern_ops", "b DESC, a"];

    /// <summary>Writes the scripts into <paramref name="directory"/> (created if missing) and returns them in the
    /// order Cutover applies them.</summary>
    public static IReadOnlyList<SoakScript> Write(string directory, Random random, SoakSettings settings)
    {
        Directory.CreateDirectory(directory);
        var scripts = new List<SoakScript>();
        var indexes = 0;
        Add(scripts, directory, new SoakScript("01.00.00_01_pre_soak_setup", SoakScriptKind.Setup, null), Setup(settings));
        for (var version = 0; version < settings.Versions; version++)
        {
            var prefix = $"01.{version:00}.00";
            var pre = random.Next(3, 6);
            var post = random.Next(1, 3);
            for (var i = 0; i < pre + post; i++)
            {
                var serial = i < pre ? 2 + i : 50 + (i - pre);
                var phase = i < pre ? "pre" : "post";

                // Version 1 always builds an index, so that the last script has one to rebuild.
                var kind = version == 0 && i == 0 ? SoakScriptKind.ConcurrentIndex : random.Next(20) switch
                {
                    < 8 => SoakScriptKind.Marker,
                    < 13 => SoakScriptKind.Slow,
                    _ => SoakScriptKind.ConcurrentIndex,
                };
                var name = $"{prefix}_{serial:00}_{phase}_{Describe(kind)}_{version}_{serial:00}";
                switch (kind)
                {
                    case SoakScriptKind.ConcurrentIndex:
                        var index = $"soak_big_{version}_{serial:00}";
                        var expression = s_indexExpressions[indexes++ % s_indexExpressions.Length];
                        Add(scripts, directory, new SoakScript(name, kind, index),
                            $"-- cutover:no-transaction\nINSERT INTO soak_index_runs (script) VALUES ('{name}');\n" +
                            $"CREATE INDEX CONCURRENTLY IF NOT EXISTS {index} ON soak_big ({expression});\n");
                        break;
                    case SoakScriptKind.Slow:
                        var seconds = (random.Next(2, 11) / 10.0).ToString("0.0", CultureInfo.InvariantCulture);
                        Add(scripts, directory, new SoakScript(name, kind, null),
                            $"CREATE TABLE soak_t_{version}_{serial:00} (id int PRIMARY KEY);\n" +
                            $"SELECT pg_sleep({seconds});\n" +
                            $"INSERT INTO soak_markers (script) VALUES ('{name}');\n");
                        break;
                    default:
                        // Not idempotent on purpose: a second application fails with 42P07.
                        Add(scripts, directory, new SoakScript(name, kind, null),
                            $"CREATE TABLE soak_t_{version}_{serial:00} (id int PRIMARY KEY, note text);\n" +
                            $"INSERT INTO soak_t_{version}_{serial:00} VALUES (1, '{name}');\n" +
                            $"INSERT INTO soak_markers (script) VALUES ('{name}');\n");
                        break;
                }
            }
        }

        var last = settings.Versions - 1;
        var reindexName = $"01.{last:00}.00_99_post_reindex_{last}_99";
        var rebuilt = scripts.First(s => s.Kind == SoakScriptKind.ConcurrentIndex).Index;
        Add(scripts, directory, new SoakScript(reindexName, SoakScriptKind.ConcurrentReindex, rebuilt),
            $"-- cutover:no-transaction\nINSERT INTO soak_index_runs (script) VALUES ('{reindexName}');\n" +
            $"REINDEX INDEX CONCURRENTLY {rebuilt};\n");
        return scripts;
    }

    private static string Setup(SoakSettings settings) =>
        "CREATE TABLE soak_markers (script text NOT NULL);\n" +
        "CREATE TABLE soak_index_runs (script text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp());\n" +
        "CREATE TABLE soak_big (id bigint PRIMARY KEY, a int NOT NULL, b int NOT NULL, c text NOT NULL);\n" +
        "INSERT INTO soak_big SELECT g, g % 1000, (g * 7919) % 100003, md5(g::text) " +
        $"FROM generate_series(1, {settings.BigTableRows.ToString(CultureInfo.InvariantCulture)}) g;\n" +
        "INSERT INTO soak_markers (script) VALUES ('01.00.00_01_pre_soak_setup');\n";

    private static string Describe(SoakScriptKind kind) => kind switch
    {
        SoakScriptKind.ConcurrentIndex => "index",
        SoakScriptKind.Slow => "slow",
        _ => "table",
    };

    private static void Add(List<SoakScript> scripts, string directory, SoakScript script, string body)
    {
        File.WriteAllText(Path.Combine(directory, script.Name + ".sql"), body);
        scripts.Add(script);
    }
}
