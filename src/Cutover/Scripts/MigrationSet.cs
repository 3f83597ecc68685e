using System.Collections.Immutable;

namespace Cutover.Scripts;

/// <summary>A validated, ordered set of migration scripts and the optional <c>schema.sql</c>.</summary>
/// <remarks>Building one checks everything that can be checked without a database, and reports every problem at once
/// (<see cref="ScriptParseException"/>), so bad input never applies anything.</remarks>
public sealed class MigrationSet
{
    private readonly Dictionary<string, MigrationScript> _byName;

    private MigrationSet(string description, ImmutableArray<MigrationScript> scripts, SchemaScript? schema)
    {
        Description = description;
        Scripts = scripts;
        Schema = schema;
        _byName = scripts.ToDictionary(s => s.Name.Name, StringComparer.Ordinal);
    }

    /// <summary>Where the scripts came from.</summary>
    public string Description { get; }

    /// <summary>Every migration, in order.</summary>
    public ImmutableArray<MigrationScript> Scripts { get; }

    /// <summary>The <c>schema.sql</c>, or null when there is none.</summary>
    public SchemaScript? Schema { get; }

    /// <summary>Reads and validates every script of <paramref name="source"/>.</summary>
    /// <exception cref="ScriptParseException">Anything is wrong; every problem is listed.</exception>
    public static async Task<MigrationSet> LoadAsync(IScriptSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var migrations = await source.ReadMigrationsAsync(cancellationToken).ConfigureAwait(false);
        var schema = await source.ReadSchemaAsync(cancellationToken).ConfigureAwait(false);
        return Create(source.Description, migrations, schema);
    }

    /// <summary>Validates already-read files.</summary>
    /// <exception cref="ScriptParseException">Anything is wrong; every problem is listed.</exception>
    public static MigrationSet Create(string description, IEnumerable<ScriptFile> migrations, ScriptFile? schema)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        var problems = new List<ScriptProblem>();
        var scripts = new List<MigrationScript>();
        foreach (var file in migrations)
        {
            if (file.Problem is not null)
            {
                problems.Add(file.Problem);
            }

            if (!ScriptName.TryParse(file.FileName, out var name, out var nameProblem))
            {
                problems.Add(new ScriptProblem(file.Location, null, null, nameProblem));
                continue;
            }

            var body = StripBom(file.Content);
            problems.AddRange(ScriptBodyRules.Check(file.Location, body));
            scripts.Add(new MigrationScript(
                name, file.Location, body, ScriptChecksum.Compute(file.Content), !ScriptDirectives.DisablesTransaction(body)));
        }

        // Two files that sort to the same place would apply in an order nobody chose.
        foreach (var clash in scripts.Where(s => s.Name.Serial is not null)
                     .GroupBy(s => (s.Name.Version, s.Name.Serial))
                     .Where(g => g.Count() > 1))
        {
            var names = string.Join(", ", clash.Select(s => s.Name.FileName));
            foreach (var script in clash)
            {
                problems.Add(new ScriptProblem(script.Location, null, null,
                    $"version {clash.Key.Version} serial {clash.Key.Serial:00} is used by more than one file: {names}"));
            }
        }

        SchemaScript? schemaScript = null;
        if (schema is not null)
        {
            if (schema.Problem is not null)
            {
                problems.Add(schema.Problem);
            }

            var body = StripBom(schema.Content);
            problems.AddRange(ScriptBodyRules.Check(schema.Location, body));
            schemaScript = new SchemaScript(schema.Location, body, ScriptChecksum.Compute(schema.Content));
        }

        if (problems.Count > 0)
        {
            throw new ScriptParseException(problems);
        }

        scripts.Sort((a, b) => a.Name.CompareTo(b.Name));
        return new MigrationSet(description, [.. scripts], schemaScript);
    }

    /// <summary>The same set with only the scripts <paramref name="keep"/> accepts (and the same schema.sql).</summary>
    public MigrationSet Where(Func<MigrationScript, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        return new MigrationSet(Description, [.. Scripts.Where(keep)], Schema);
    }

    /// <summary>Finds a script by its journal name (file name without <c>.sql</c>).</summary>
    public MigrationScript? Find(string name) => _byName.GetValueOrDefault(name);

    private static string StripBom(string content) => content.Length > 0 && content[0] == '\uFEFF' ? content[1..] : content;
}
