using System.Collections.Immutable;
using System.Text;
using Npgsql;

namespace Cutover.Inspection;

/// <summary>Turns the rows of <see cref="CatalogQueries"/> into model records.</summary>
internal sealed partial class SchemaInspector
{
    // In the order of CatalogQueries.Build.
    private Func<NpgsqlDataReader, object?> RowReader(int query) => query switch
    {
        0 => ReadNamespace,
        1 => ReadExtension,
        2 => ReadRelation,
        3 => ReadColumn,
        4 => ReadConstraint,
        5 => ReadIndex,
        6 => ReadSequence,
        7 => ReadRoutine,
        8 => ReadTrigger,
        9 => ReadRule,
        10 => ReadPolicy,
        11 => ReadEnum,
        12 => ReadDomain,
        13 => ReadCompositeType,
        _ => throw new ArgumentOutOfRangeException(nameof(query)),
    };

    private static SchemaModel Assemble(List<object>[] results, int major) => new()
    {
        ServerMajorVersion = major,
        Schemas = Sorted(results[0].Cast<NamespaceModel>(), x => x.Name),
        Extensions = Sorted(results[1].Cast<ExtensionModel>(), x => x.Name),
        Tables = Sorted(results[2].OfType<TableModel>(), x => x.Schema, x => x.Name),
        Columns = [.. results[3].Cast<ColumnModel>().OrderBy(x => x.Schema, StringComparer.Ordinal)
            .ThenBy(x => x.Table, StringComparer.Ordinal).ThenBy(x => x.Position)],
        Constraints = Sorted(results[4].Cast<ConstraintModel>(), x => x.Schema, x => x.Table, x => x.Name),
        Indexes = Sorted(results[5].Cast<IndexModel>(), x => x.Schema, x => x.Name),
        Sequences = Sorted(results[6].Cast<SequenceModel>(), x => x.Schema, x => x.Name),
        Views = Sorted(results[2].OfType<ViewModel>(), x => x.Schema, x => x.Name),
        Routines = Sorted(results[7].Cast<RoutineModel>(), x => x.Schema, x => x.Name, x => x.ArgumentTypes),
        Triggers = Sorted(results[8].Cast<TriggerModel>(), x => x.Schema, x => x.Table, x => x.Name),
        Rules = Sorted(results[9].Cast<RuleModel>(), x => x.Schema, x => x.Table, x => x.Name),
        Policies = Sorted(results[10].Cast<PolicyModel>(), x => x.Schema, x => x.Table, x => x.Name),
        Enums = Sorted(results[11].Cast<EnumModel>(), x => x.Schema, x => x.Name),
        Domains = Sorted(results[12].Cast<DomainModel>(), x => x.Schema, x => x.Name),
        CompositeTypes = Sorted(results[13].Cast<CompositeTypeModel>(), x => x.Schema, x => x.Name),
    };

    // Ordinal, not the database's collation, so that the order never depends on the server's locale.
    private static ImmutableArray<T> Sorted<T>(IEnumerable<T> items, params Func<T, string>[] keys)
    {
        var ordered = items.OrderBy(keys[0], StringComparer.Ordinal);
        foreach (var key in keys.Skip(1))
        {
            ordered = ordered.ThenBy(key, StringComparer.Ordinal);
        }

        return [.. ordered];
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static ImmutableArray<string> Texts(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? [] : [.. reader.GetFieldValue<string?[]>(ordinal).Select(x => x ?? "")];

    private static NamespaceModel ReadNamespace(NpgsqlDataReader r) => new()
    {
        Name = r.GetString(0),
        Comment = Text(r, 1),
        Privileges = Text(r, 2),
    };

    private static ExtensionModel ReadExtension(NpgsqlDataReader r) => new()
    {
        Name = r.GetString(0),
        Version = r.GetString(1),
        Schema = r.GetString(2),
    };

    private object? ReadRelation(NpgsqlDataReader r)
    {
        var schema = r.GetString(0);
        var name = r.GetString(1);
        if (IsExcluded(schema, name))
        {
            return null;
        }

        var kind = r.GetString(2);
        if (kind is "v" or "m")
        {
            return new ViewModel
            {
                Schema = schema,
                Name = name,
                Materialized = kind == "m",
                Definition = r.GetString(11),
                Options = [.. Texts(r, 10).Order(StringComparer.Ordinal)],
                Comment = Text(r, 12),
                Privileges = Text(r, 13),
            };
        }

        return new TableModel
        {
            Schema = schema,
            Name = name,
            Persistence = r.GetString(3) switch
            {
                "u" => TablePersistence.Unlogged,
                "t" => TablePersistence.Temporary,
                _ => TablePersistence.Permanent,
            },
            PartitionKey = Text(r, 4),
            PartitionOf = Text(r, 5),
            PartitionBound = Text(r, 6),
            Inherits = Texts(r, 7),
            RowLevelSecurity = r.GetBoolean(8),
            ForceRowLevelSecurity = r.GetBoolean(9),
            Options = [.. Texts(r, 10).Order(StringComparer.Ordinal)],
            Comment = Text(r, 12),
            Privileges = Text(r, 13),
        };
    }

    private ColumnModel? ReadColumn(NpgsqlDataReader r)
    {
        var schema = r.GetString(0);
        var table = r.GetString(1);
        return IsExcluded(schema, table)
            ? null
            : new ColumnModel
            {
                Schema = schema,
                Table = table,
                Name = r.GetString(2),
                Position = r.GetInt32(3),
                Type = r.GetString(4),
                NotNull = r.GetBoolean(5),
                Default = Text(r, 6),
                Identity = r.GetString(7) switch
                {
                    "a" => ColumnIdentity.Always,
                    "d" => ColumnIdentity.ByDefault,
                    _ => null,
                },
                IdentitySequence = Text(r, 8),
                Generated = Text(r, 9),
                Collation = Text(r, 10),
                Comment = Text(r, 11),
                Privileges = Text(r, 12),
            };
    }

    private ConstraintModel? ReadConstraint(NpgsqlDataReader r)
    {
        var schema = r.GetString(0);
        var table = r.GetString(1);
        if (IsExcluded(schema, table))
        {
            return null;
        }

        var type = r.GetString(3) switch
        {
            "p" => ConstraintType.PrimaryKey,
            "u" => ConstraintType.Unique,
            "f" => ConstraintType.ForeignKey,
            "x" => ConstraintType.Exclusion,
            "t" => ConstraintType.Trigger,
            _ => ConstraintType.Check,
        };
        var deferrable = r.GetBoolean(5);
        var initiallyDeferred = r.GetBoolean(6);
        var validated = r.GetBoolean(7);
        string definition;
        string? match = null, onUpdate = null, onDelete = null;
        if (type == ConstraintType.ForeignKey)
        {
            definition = r.GetString(8);
            match = r.GetString(9) switch
            {
                "f" => "FULL",
                "p" => "PARTIAL",
                _ => "SIMPLE",
            };
            onUpdate = ForeignKeyAction(r.GetString(10), null);
            onDelete = ForeignKeyAction(r.GetString(11), Text(r, 12));
        }
        else
        {
            // pg_get_constraintdef appends these in this order; each has a property of its own.
            definition = r.GetString(4);
            definition = StripSuffix(definition, " NOT VALID", !validated);
            definition = StripSuffix(definition, " INITIALLY DEFERRED", initiallyDeferred);
            definition = StripSuffix(definition, " DEFERRABLE", deferrable);
        }

        return new ConstraintModel
        {
            Schema = schema,
            Table = table,
            Name = r.GetString(2),
            Type = type,
            Definition = definition,
            Match = match,
            OnUpdate = onUpdate,
            OnDelete = onDelete,
            Deferrable = deferrable,
            InitiallyDeferred = initiallyDeferred,
            Validated = validated,
            Comment = Text(r, 13),
        };
    }

    private static string StripSuffix(string text, string suffix, bool present) =>
        present && text.EndsWith(suffix, StringComparison.Ordinal) ? text[..^suffix.Length] : text;

    private static string ForeignKeyAction(string code, string? columns)
    {
        var action = code switch
        {
            "r" => "RESTRICT",
            "c" => "CASCADE",
            "n" => "SET NULL",
            "d" => "SET DEFAULT",
            _ => "NO ACTION",
        };
        return columns is null ? action : action + " (" + columns + ")";
    }

    private IndexModel? ReadIndex(NpgsqlDataReader r)
    {
        var schema = r.GetString(0);
        var table = r.GetString(2);
        if (IsExcluded(schema, table))
        {
            return null;
        }

        var method = r.GetString(4);
        var definition = r.GetString(5);
        var predicate = Text(r, 6);

        // "CREATE [UNIQUE] INDEX name ON [ONLY] table USING method (...)": keep what follows the method, which names
        // neither the index nor the table, and leave the predicate to its own property.
        var marker = " USING " + method + " ";
        var at = definition.IndexOf(marker, StringComparison.Ordinal);
        if (at >= 0)
        {
            definition = definition[(at + marker.Length)..];
        }

        if (predicate is not null)
        {
            definition = StripSuffix(definition, " WHERE " + predicate, present: true);
        }

        return new IndexModel
        {
            Schema = schema,
            Name = r.GetString(1),
            Table = table,
            Unique = r.GetBoolean(3),
            Method = method,
            Definition = definition,
            Predicate = predicate,
            Valid = r.GetBoolean(7),
            Comment = Text(r, 8),
        };
    }

    private SequenceModel? ReadSequence(NpgsqlDataReader r)
    {
        var ownerSchema = Text(r, 9);
        var ownerTable = Text(r, 10);
        if (ownerSchema is not null && ownerTable is not null && IsExcluded(ownerSchema, ownerTable))
        {
            return null;
        }

        return new SequenceModel
        {
            Schema = r.GetString(0),
            Name = r.GetString(1),
            Type = r.GetString(2),
            Start = r.GetInt64(3),
            Increment = r.GetInt64(4),
            Minimum = r.GetInt64(5),
            Maximum = r.GetInt64(6),
            Cache = r.GetInt64(7),
            Cycle = r.GetBoolean(8),
            OwnedBy = ownerSchema is null || ownerTable is null
                ? null
                : SqlIdentifier.QuoteIfNeeded(ownerSchema, ownerTable) + "." + SqlIdentifier.QuoteIfNeeded(r.GetString(11)),
            Comment = Text(r, 12),
            Privileges = Text(r, 13),
        };
    }

    private static RoutineModel ReadRoutine(NpgsqlDataReader r) => new()
    {
        Schema = r.GetString(0),
        Name = r.GetString(1),
        ArgumentTypes = r.GetString(2),
        Kind = r.GetString(3) switch
        {
            "p" => RoutineKind.Procedure,
            "a" => RoutineKind.Aggregate,
            "w" => RoutineKind.Window,
            _ => RoutineKind.Function,
        },
        Arguments = r.GetString(4),
        Result = Text(r, 5),
        Language = r.GetString(6),
        Volatility = r.GetString(7) switch
        {
            "i" => RoutineVolatility.Immutable,
            "s" => RoutineVolatility.Stable,
            _ => RoutineVolatility.Volatile,
        },
        Strict = r.GetBoolean(8),
        SecurityDefiner = r.GetBoolean(9),
        Leakproof = r.GetBoolean(10),
        Parallel = r.GetString(11) switch
        {
            "s" => "SAFE",
            "r" => "RESTRICTED",
            _ => "UNSAFE",
        },
        Cost = r.GetFloat(12),
        Rows = r.GetFloat(13),
        Configuration = Texts(r, 14),
        Body = Text(r, 15),
        Aggregate = r.IsDBNull(16)
            ? null
            : new AggregateModel
            {
                AggregateKind = r.GetString(16) switch
                {
                    "o" => "ordered-set",
                    "h" => "hypothetical-set",
                    _ => "normal",
                },
                TransitionFunction = r.GetString(17),
                StateType = r.GetString(18),
                FinalFunction = Text(r, 19),
                CombineFunction = Text(r, 20),
                InitialValue = Text(r, 21),
                SortOperator = Text(r, 22),
            },
        Comment = Text(r, 23),
        Privileges = Text(r, 24),
    };

    private TriggerModel? ReadTrigger(NpgsqlDataReader r)
    {
        var schema = r.GetString(0);
        var table = r.GetString(1);
        if (IsExcluded(schema, table))
        {
            return null;
        }

        // tgtype bits, from PostgreSQL's catalog/pg_trigger.h.
        var type = r.GetInt32(3);
        const int row = 1, before = 2, insert = 4, delete = 8, update = 16, truncate = 32, instead = 64;
        var events = new List<string>();
        if ((type & insert) != 0)
        {
            events.Add("INSERT");
        }

        if ((type & delete) != 0)
        {
            events.Add("DELETE");
        }

        if ((type & update) != 0)
        {
            var columns = Texts(r, 7);
            events.Add(columns.IsEmpty ? "UPDATE" : "UPDATE OF " + string.Join(", ", columns.Select(SqlIdentifier.QuoteIfNeeded)));
        }

        if ((type & truncate) != 0)
        {
            events.Add("TRUNCATE");
        }

        var oldTable = Text(r, 9);
        var newTable = Text(r, 10);
        var referencing = oldTable is null && newTable is null
            ? null
            : "REFERENCING" + (oldTable is null ? "" : " OLD TABLE AS " + SqlIdentifier.QuoteIfNeeded(oldTable)) +
              (newTable is null ? "" : " NEW TABLE AS " + SqlIdentifier.QuoteIfNeeded(newTable));

        return new TriggerModel
        {
            Schema = schema,
            Table = table,
            Name = r.GetString(2),
            Timing = (type & instead) != 0 ? "INSTEAD OF" : (type & before) != 0 ? "BEFORE" : "AFTER",
            Events = string.Join(" OR ", events),
            Level = (type & row) != 0 ? "ROW" : "STATEMENT",
            Function = r.GetString(5),
            Arguments = TriggerArguments(r.GetFieldValue<byte[]>(6)),
            When = TriggerCondition(r.GetString(8)),
            Referencing = referencing,
            Constraint = !r.GetBoolean(11)
                ? null
                : (r.GetBoolean(12) ? "DEFERRABLE" : "NOT DEFERRABLE") +
                  (r.GetBoolean(13) ? " INITIALLY DEFERRED" : " INITIALLY IMMEDIATE"),
            Enabled = r.GetString(4) switch
            {
                "D" => "DISABLED",
                "R" => "REPLICA",
                "A" => "ALWAYS",
                _ => "ENABLED",
            },
            Comment = Text(r, 14),
        };
    }

    // tgargs holds each argument followed by a NUL byte.
    private static ImmutableArray<string> TriggerArguments(byte[] arguments)
    {
        var result = ImmutableArray.CreateBuilder<string>();
        var start = 0;
        for (var i = 0; i < arguments.Length; i++)
        {
            if (arguments[i] == 0)
            {
                result.Add(Encoding.UTF8.GetString(arguments, start, i - start));
                start = i + 1;
            }
        }

        return result.ToImmutable();
    }

    // pg_get_triggerdef: "... FOR EACH ROW|STATEMENT [WHEN (condition)] EXECUTE FUNCTION f(args)". pg_get_expr cannot
    // print tgqual (its OLD and NEW are not the table's own variables), so the condition is cut out of the definition.
    private static string? TriggerCondition(string definition)
    {
        const string when = " WHEN (";
        const string execute = ") EXECUTE FUNCTION ";
        var forEach = definition.IndexOf(" FOR EACH ", StringComparison.Ordinal);
        var start = forEach < 0 ? -1 : definition.IndexOf(when, forEach, StringComparison.Ordinal);
        var end = definition.LastIndexOf(execute, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            return null;
        }

        // The space after FOR EACH ROW/STATEMENT must be the one before WHEN, not one inside the function arguments.
        var level = definition.AsSpan(forEach + " FOR EACH ".Length, start - forEach - " FOR EACH ".Length);
        return level is "ROW" or "STATEMENT" ? definition[(start + when.Length)..end] : null;
    }

    private RuleModel? ReadRule(NpgsqlDataReader r)
    {
        var schema = r.GetString(0);
        var table = r.GetString(1);
        return IsExcluded(schema, table)
            ? null
            : new RuleModel
            {
                Schema = schema,
                Table = table,
                Name = r.GetString(2),
                Definition = r.GetString(3),
                Comment = Text(r, 4),
            };
    }

    private PolicyModel? ReadPolicy(NpgsqlDataReader r)
    {
        var schema = r.GetString(0);
        var table = r.GetString(1);
        return IsExcluded(schema, table)
            ? null
            : new PolicyModel
            {
                Schema = schema,
                Table = table,
                Name = r.GetString(2),
                Command = r.GetString(3) switch
                {
                    "r" => "SELECT",
                    "a" => "INSERT",
                    "w" => "UPDATE",
                    "d" => "DELETE",
                    _ => "ALL",
                },
                Permissive = r.GetBoolean(4),
                Roles = [.. Texts(r, 5).Order(StringComparer.Ordinal)],
                Using = Text(r, 6),
                WithCheck = Text(r, 7),
                Comment = Text(r, 8),
            };
    }

    private static EnumModel ReadEnum(NpgsqlDataReader r) => new()
    {
        Schema = r.GetString(0),
        Name = r.GetString(1),
        Labels = Texts(r, 2),
        Comment = Text(r, 3),
        Privileges = Text(r, 4),
    };

    private static DomainModel ReadDomain(NpgsqlDataReader r)
    {
        var names = Texts(r, 6);
        var definitions = Texts(r, 7);
        return new DomainModel
        {
            Schema = r.GetString(0),
            Name = r.GetString(1),
            BaseType = r.GetString(2),
            Default = Text(r, 3),
            NotNull = r.GetBoolean(4),
            Collation = Text(r, 5),
            Constraints =
            [
                .. names.Zip(definitions, (name, definition) => new DomainConstraintModel
                {
                    Name = name,
                    Definition = definition,
                }).OrderBy(x => x.Name, StringComparer.Ordinal),
            ],
            Comment = Text(r, 8),
            Privileges = Text(r, 9),
        };
    }

    private static CompositeTypeModel ReadCompositeType(NpgsqlDataReader r)
    {
        var names = Texts(r, 2);
        var types = Texts(r, 3);
        var collations = r.GetFieldValue<string?[]>(4);
        return new CompositeTypeModel
        {
            Schema = r.GetString(0),
            Name = r.GetString(1),
            Attributes =
            [
                .. names.Select((name, i) => new CompositeAttributeModel
                {
                    Name = name,
                    Type = types[i],
                    Collation = collations[i],
                }),
            ],
            Comment = Text(r, 5),
            Privileges = Text(r, 6),
        };
    }
}
