using System.Reflection;

namespace Cutover.Scripts;

/// <summary>Reads migrations embedded as resources in an assembly, so a library can ship its schema in its NuGet
/// package.</summary>
/// <remarks>Embed with logical names that keep the file name, e.g.
/// <c>&lt;EmbeddedResource Include="migrations/*.sql" LogicalName="migrations/%(Filename)%(Extension)" /&gt;</c> and
/// <c>&lt;EmbeddedResource Include="schema.sql" LogicalName="schema.sql" /&gt;</c>. Resources whose names start with
/// <see cref="MigrationsPrefix"/> and end in <c>.sql</c> are migrations; the rest of the name is the file name.</remarks>
public sealed class EmbeddedScriptSource : IScriptSource
{
    private readonly Assembly _assembly;

    /// <summary>Creates a source over <paramref name="assembly"/>'s resources.</summary>
    /// <param name="assembly">The assembly holding the resources.</param>
    /// <param name="migrationsPrefix">The resource-name prefix of migrations, e.g. <c>migrations/</c>.</param>
    /// <param name="schemaResourceName">The resource name of <c>schema.sql</c>, or null for none.</param>
    public EmbeddedScriptSource(Assembly assembly, string migrationsPrefix = "migrations/", string? schemaResourceName = "schema.sql")
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(migrationsPrefix);
        _assembly = assembly;
        MigrationsPrefix = migrationsPrefix;
        SchemaResourceName = schemaResourceName;
    }

    /// <summary>The resource-name prefix of migrations.</summary>
    public string MigrationsPrefix { get; }

    /// <summary>The resource name of <c>schema.sql</c>, or null.</summary>
    public string? SchemaResourceName { get; }

    /// <inheritdoc />
    public string Description => "resource:" + _assembly.GetName().Name + "/" + MigrationsPrefix;

    /// <inheritdoc />
    public async Task<IReadOnlyList<ScriptFile>> ReadMigrationsAsync(CancellationToken cancellationToken = default)
    {
        var files = new List<ScriptFile>();
        foreach (var resource in _assembly.GetManifestResourceNames().Order(StringComparer.Ordinal))
        {
            if (!resource.StartsWith(MigrationsPrefix, StringComparison.Ordinal) ||
                !resource.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            files.Add(await ReadAsync(resource[MigrationsPrefix.Length..], resource, cancellationToken)
                .ConfigureAwait(false));
        }

        return files;
    }

    /// <inheritdoc />
    public async Task<ScriptFile?> ReadSchemaAsync(CancellationToken cancellationToken = default)
    {
        if (SchemaResourceName is null || _assembly.GetManifestResourceInfo(SchemaResourceName) is null)
        {
            return null;
        }

        return await ReadAsync(Path.GetFileName(SchemaResourceName), SchemaResourceName, cancellationToken)
            .ConfigureAwait(false);
    }

    private string Location(string resource) => "resource:" + _assembly.GetName().Name + "/" + resource;

    private async Task<ScriptFile> ReadAsync(string fileName, string resource, CancellationToken cancellationToken)
    {
        var stream = _assembly.GetManifestResourceStream(resource)
            ?? throw new ScriptParseException([new ScriptProblem(Location(resource), null, null, "resource not found")]);
        await using (stream.ConfigureAwait(false))
        {
            // The same strict UTF-8 decoding as files: a resource is a file that was embedded.
            using var bytes = new MemoryStream();
            await stream.CopyToAsync(bytes, cancellationToken).ConfigureAwait(false);
            return ScriptFile.FromUtf8(fileName, Location(resource), bytes.GetBuffer().AsSpan(0, (int)bytes.Length));
        }
    }
}
