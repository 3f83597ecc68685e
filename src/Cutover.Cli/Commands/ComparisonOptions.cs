using System.CommandLine;
using System.Collections.Immutable;
using Cutover.Inspection;

namespace Cutover.Cli.Commands;

/// <summary>What <c>check</c> and <c>diff</c> compare, and how.</summary>
internal sealed class ComparisonOptions
{
    public Option<string[]> ExcludeSchema { get; } = new("--exclude-schema")
    {
        Description = "leave a schema out of the comparison (repeatable)",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string[]> Ignore { get; } = new("--ignore")
    {
        Description = "ignore an object kind, e.g. comment, privilege, trigger (repeatable)",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<bool> StrictColumnOrder { get; } = new("--strict-column-order")
    {
        Description = "treat a different column order as a difference, not a note",
    };

    public Option<string[]> Include { get; } = new("--include")
    {
        Description = "also compare: privileges",
        AllowMultipleArgumentsPerToken = true,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(ExcludeSchema);
        command.Options.Add(Ignore);
        command.Options.Add(StrictColumnOrder);
        command.Options.Add(Include);
    }

    public SchemaCheckOptions Read(ParseResult parseResult, Journal.JournalTableName journalTable)
    {
        var ignored = ImmutableArray.CreateBuilder<ObjectKind>();
        foreach (var text in parseResult.GetValue(Ignore) ?? [])
        {
            ignored.Add(ObjectKindNames.TryParse(text, out var kind)
                ? kind.Value
                : throw new CliInputException($"--ignore: '{text}' is not an object kind"));
        }

        var include = parseResult.GetValue(Include) ?? [];
        foreach (var unknown in include.Where(i => !string.Equals(i, "privileges", StringComparison.OrdinalIgnoreCase)))
        {
            throw new CliInputException($"--include: '{unknown}' is not something to include (privileges)");
        }

        return new SchemaCheckOptions
        {
            JournalTable = journalTable,
            Inspection = new InspectionOptions
            {
                ExcludedSchemas = [.. parseResult.GetValue(ExcludeSchema) ?? []],
                IncludePrivileges = include.Length > 0,
                ExcludedTables = [.. InspectionOptions.JournalTables.Append(journalTable.ToString()).Distinct(StringComparer.Ordinal)],
            },
            Comparison = new SchemaComparisonOptions
            {
                IgnoredKinds = ignored.ToImmutable(),
                StrictColumnOrder = parseResult.GetValue(StrictColumnOrder),
            },
        };
    }
}
