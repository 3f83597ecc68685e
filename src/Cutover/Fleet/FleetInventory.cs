using System.Collections.Immutable;
using Cutover.Connections;
using Npgsql;

namespace Cutover.Fleet;

/// <summary>Expands a fleet file's entries into its targets: resolves each connection (service file, <c>PG*</c>
/// variables, password file, as <c>upgrade</c> does) and runs each query, in file order.</summary>
internal sealed class FleetInventory(
    FleetFile file, ConnectionResolver resolver, IReadOnlyDictionary<string, string> environment,
    FleetDataSources pools)
{
    /// <summary>Every target, in the file's order.</summary>
    /// <exception cref="FleetFileException">A connection is malformed, a query failed, or two targets have one
    /// name.</exception>
    /// <exception cref="DatabaseUnavailableException">The server a query runs on cannot be reached.</exception>
    public async Task<ImmutableArray<FleetTarget>> ExpandAsync(CancellationToken cancellationToken)
    {
        var targets = ImmutableArray.CreateBuilder<FleetTarget>();
        var problems = new List<FleetFileProblem>();
        var firstEntry = new Dictionary<string, FleetEntry>(StringComparer.Ordinal);
        foreach (var entry in file.Entries)
        {
            NpgsqlConnectionStringBuilder settings;
            try
            {
                settings = await ResolveAsync(entry.Connection, cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectionConfigurationException e)
            {
                problems.Add(new FleetFileProblem(entry.Line, entry.Column,
                    entry.Key + (entry.Kind == FleetEntryKind.Databases ? ".server" : ".connection"), e.Message));
                continue;
            }

            var names = entry.Query is null
                ? [entry.Name ?? settings.Database!]
                : await QueryAsync(entry, settings, problems, cancellationToken).ConfigureAwait(false);
            foreach (var name in names)
            {
                var (targetName, target) = entry.Kind switch
                {
                    FleetEntryKind.Databases => (name, Database(settings, name)),
                    _ => (name, settings),
                };
                var where = DatabaseConnection.Describe(target);
                if (entry.Kind == FleetEntryKind.Schemas)
                {
                    where += " schema " + name;
                }

                if (!firstEntry.TryAdd(targetName, entry))
                {
                    var first = firstEntry[targetName];
                    problems.Add(new FleetFileProblem(entry.Line, entry.Column, entry.Key,
                        $"target '{targetName}' is also named by {first.Key} (line {first.Line}): names must be unique"));
                    continue;
                }

                targets.Add(new FleetTarget(targetName, targets.Count,
                    entry.Kind == FleetEntryKind.Schemas ? FleetTargetKind.Schema : FleetTargetKind.Database, entry,
                    target.ConnectionString, where, entry.Kind == FleetEntryKind.Schemas ? name : null, entry.Labels));
            }
        }

        if (problems.Count > 0)
        {
            throw new FleetFileException(file.Path, [.. problems]);
        }

        return targets.ToImmutable();
    }

    /// <summary>The control database's settings: the file's <c>control</c>, else the first target's database.</summary>
    /// <exception cref="FleetFileException">The control connection is malformed.</exception>
    public async Task<NpgsqlConnectionStringBuilder> ResolveControlAsync(
        ImmutableArray<FleetTarget> targets, CancellationToken cancellationToken)
    {
        if (file.Control is null)
        {
            return new NpgsqlConnectionStringBuilder(targets[0].Settings);
        }

        try
        {
            return await ResolveAsync(file.Control, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectionConfigurationException e)
        {
            throw new FleetFileException(file.Path, [new FleetFileProblem(file.ControlLine, 1, "control", e.Message)]);
        }
    }

    private async Task<NpgsqlConnectionStringBuilder> ResolveAsync(string text, CancellationToken cancellationToken)
    {
        // A connection string has '=' (Npgsql's and libpq's forms) or is a URI; anything else names a service.
        var isConnectionString = text.Contains('=', StringComparison.Ordinal) || PostgresUri.IsUri(text);
        var target = isConnectionString ? ConnectionTarget.Create(text) : ConnectionTarget.Create(null, text);
        var resolved = await resolver.ResolveAsync(target, environment, cancellationToken).ConfigureAwait(false);
        return resolved.CreateConnectionStringBuilder();
    }

    private static NpgsqlConnectionStringBuilder Database(NpgsqlConnectionStringBuilder server, string database) =>
        new(server.ConnectionString) { Database = database };

    private async Task<List<string>> QueryAsync(
        FleetEntry entry, NpgsqlConnectionStringBuilder settings, List<FleetFileProblem> problems,
        CancellationToken cancellationToken)
    {
        var names = new List<string>();
        var key = settings.ConnectionString;
        var dataSource = pools.Rent(key);
        try
        {
            var connection = await DatabaseConnection.OpenAsync(dataSource, cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var command = new NpgsqlCommand(entry.Query, connection);
                await using (command.ConfigureAwait(false))
                {
                    var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            if (!reader.IsDBNull(0))
                            {
                                names.Add(reader.GetValue(0).ToString() ?? "");
                            }
                        }
                    }
                }
            }
        }
        catch (PostgresException e)
        {
            var what = entry.Kind == FleetEntryKind.Databases ? "databases" : "schemas";
            problems.Add(new FleetFileProblem(entry.Line, entry.Column, $"{entry.Key}.{what}",
                $"the query failed: {e.SqlState}: {e.MessageText}"));
        }
        finally
        {
            await pools.ReturnAsync(key).ConfigureAwait(false);
        }

        return names;
    }
}
