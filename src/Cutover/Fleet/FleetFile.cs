using System.Collections.Immutable;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cutover.Fleet;

/// <summary>A fleet file, read and checked: where the run ledger lives and the entries that name the targets.</summary>
/// <remarks>YAML (and so JSON). Read through YamlDotNet's parser and node model, which use no reflection, so the native
/// binary reads it too; every key is checked by hand, so that a misspelt key is an error naming its line rather than
/// a setting silently ignored.</remarks>
internal sealed record FleetFile(string Path, string? Control, int ControlLine, ImmutableArray<FleetEntry> Entries)
{
    private static readonly string[] s_topKeys = ["control", "targets"];
    private static readonly string[] s_entryKeys = ["name", "connection", "server", "databases", "schemas", "labels"];

    /// <summary>Reads and checks <paramref name="path"/>.</summary>
    /// <exception cref="FleetFileException">The file cannot be read or is not a valid fleet file.</exception>
    public static async Task<FleetFile> LoadAsync(string path, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FleetFileException(path, [new FleetFileProblem(1, 1, "file", "cannot be read: " + e.Message)]);
        }

        return Parse(text, path);
    }

    /// <summary>Checks <paramref name="text"/>, read from <paramref name="path"/> (for messages).</summary>
    /// <exception cref="FleetFileException">It is not a valid fleet file; every problem is listed.</exception>
    public static FleetFile Parse(string text, string path)
    {
        var problems = new List<FleetFileProblem>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new FleetFileException(path,
                [new FleetFileProblem((int)e.Start.Line, (int)e.Start.Column, "yaml", OneLine(e.InnerException?.Message ?? e.Message))]);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var at = stream.Documents.Count > 0 ? stream.Documents[0].RootNode.Start : Mark.Empty;
            throw new FleetFileException(path,
                [new FleetFileProblem(Math.Max(1, (int)at.Line), Math.Max(1, (int)at.Column), "file",
                    "expected one mapping with 'control' and 'targets'")]);
        }

        string? control = null;
        var controlLine = 0;
        var entries = ImmutableArray.CreateBuilder<FleetEntry>();
        var sawTargets = false;
        foreach (var (keyNode, value) in root.Children)
        {
            var key = KeyOf(keyNode, "file", problems);
            switch (key)
            {
                case null:
                    break;
                case "control":
                    control = Scalar(value, "control", problems);
                    controlLine = (int)value.Start.Line;
                    break;
                case "targets":
                    sawTargets = true;
                    if (value is not YamlSequenceNode list || list.Children.Count == 0)
                    {
                        problems.Add(At(value, "targets", "expected a list of targets"));
                        break;
                    }

                    for (var i = 0; i < list.Children.Count; i++)
                    {
                        if (ReadEntry(i, list.Children[i], problems) is { } entry)
                        {
                            entries.Add(entry);
                        }
                    }

                    break;
                default:
                    problems.Add(At(keyNode, key, $"unknown key (expected one of {string.Join(", ", s_topKeys)})"));
                    break;
            }
        }

        if (!sawTargets)
        {
            problems.Add(At(root, "targets", "missing: the file names no targets"));
        }

        if (problems.Count > 0)
        {
            throw new FleetFileException(path,
                [.. problems.OrderBy(p => p.Line).ThenBy(p => p.Column)]);
        }

        return new FleetFile(path, control, controlLine, entries.ToImmutable());
    }

    private static FleetEntry? ReadEntry(int index, YamlNode node, List<FleetFileProblem> problems)
    {
        var where = $"targets[{index}]";
        if (node is not YamlMappingNode map)
        {
            problems.Add(At(node, where, "expected a mapping (connection, or databases with server, or schemas with connection)"));
            return null;
        }

        var values = new Dictionary<string, (YamlNode Key, YamlNode Value)>(StringComparer.Ordinal);
        var before = problems.Count;
        foreach (var (keyNode, value) in map.Children)
        {
            var key = KeyOf(keyNode, where, problems);
            if (key is null)
            {
                continue;
            }

            if (!s_entryKeys.Contains(key, StringComparer.Ordinal))
            {
                problems.Add(At(keyNode, $"{where}.{key}", $"unknown key (expected one of {string.Join(", ", s_entryKeys)})"));
                continue;
            }

            values[key] = (keyNode, value);
        }

        string? Read(string key) =>
            values.TryGetValue(key, out var found) ? Scalar(found.Value, $"{where}.{key}", problems) : null;

        var name = Read("name");
        var connection = Read("connection");
        var server = Read("server");
        var databases = Read("databases");
        var schemas = Read("schemas");
        var labels = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        if (values.TryGetValue("labels", out var labelNode))
        {
            if (labelNode.Value is not YamlMappingNode labelMap)
            {
                problems.Add(At(labelNode.Value, $"{where}.labels", "expected a mapping of label: value"));
            }
            else
            {
                foreach (var (labelKey, labelValue) in labelMap.Children)
                {
                    if (KeyOf(labelKey, $"{where}.labels", problems) is { } label &&
                        Scalar(labelValue, $"{where}.labels.{label}", problems) is { } text)
                    {
                        labels.Add(new(label, text));
                    }
                }
            }
        }

        FleetEntryKind? kind = null;
        string? target = null;
        string? query = null;
        if (databases is not null && schemas is not null)
        {
            problems.Add(At(map, where, "give either databases or schemas, not both"));
        }
        else if (databases is not null)
        {
            kind = FleetEntryKind.Databases;
            query = databases;
            target = server;
            if (server is null)
            {
                problems.Add(At(values["databases"].Key, $"{where}.server",
                    "missing: databases needs the server its query runs on (server: \"Host=db2;Database=postgres\")"));
            }

            if (connection is not null)
            {
                problems.Add(At(values["connection"].Key, $"{where}.connection",
                    "not with databases: the query's rows name the databases (give the server as server)"));
            }
        }
        else if (schemas is not null)
        {
            kind = FleetEntryKind.Schemas;
            query = schemas;
            target = connection;
            if (connection is null)
            {
                problems.Add(At(values["schemas"].Key, $"{where}.connection",
                    "missing: schemas needs the database its query runs on (connection: \"Host=db3;Database=app\")"));
            }
        }
        else
        {
            kind = FleetEntryKind.Database;
            target = connection;
            if (connection is null)
            {
                problems.Add(At(map, where,
                    "missing: connection (one database), databases with server, or schemas with connection"));
            }
        }

        if (server is not null && kind != FleetEntryKind.Databases)
        {
            problems.Add(At(values["server"].Key, $"{where}.server", "only with databases"));
        }

        if (name is not null && kind != FleetEntryKind.Database)
        {
            problems.Add(At(values["name"].Key, $"{where}.name",
                "only for one database: a query's targets are named after the databases or schemas it returns"));
        }

        if (problems.Count > before || kind is null || target is null)
        {
            return null;
        }

        return new FleetEntry(index, (int)map.Start.Line, (int)map.Start.Column, kind.Value, name, target, query,
            labels.ToImmutable());
    }

    private static string? KeyOf(YamlNode node, string where, List<FleetFileProblem> problems)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } key })
        {
            return key;
        }

        problems.Add(At(node, where, "expected a plain key"));
        return null;
    }

    private static string? Scalar(YamlNode node, string key, List<FleetFileProblem> problems)
    {
        if (node is YamlScalarNode { Value: { } value } && value.Trim().Length > 0)
        {
            return value.Trim();
        }

        problems.Add(At(node, key, node is YamlScalarNode ? "empty" : "expected a text value"));
        return null;
    }

    private static FleetFileProblem At(YamlNode node, string key, string message) =>
        new((int)node.Start.Line, (int)node.Start.Column, key, message);

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
