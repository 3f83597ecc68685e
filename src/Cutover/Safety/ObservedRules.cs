using System.Collections.Frozen;
using Cutover.Scripts;

namespace Cutover.Safety;

/// <summary>The rules that read what a statement did on the scratch database rather than what it says: which
/// pre-existing objects it dropped, renamed or changed, which tables it rewrote or scanned under which lock, how many
/// of their rows it changed.</summary>
/// <remarks>Only objects that existed before count: before the script for the lock rules (production traffic has never
/// touched what the script creates), before the script's release for the phase rules (the previous application version
/// has never seen what its successor creates, whichever of its scripts did).</remarks>
internal static class ObservedRules
{
    /// <param name="script">The script observed.</param>
    /// <param name="observation">What its statements did.</param>
    /// <param name="released">The catalog before the first script of the script's release: what the previous
    /// application version knows, which the phase rules protect.</param>
    public static IEnumerable<RuleHit> Check(MigrationScript script, ScriptObservation observation, CatalogState released)
    {
        var final = observation.Statements.LastOrDefault(o => o.Ran)?.After ?? observation.PreExisting;
        foreach (var observed in observation.Statements.Where(o => o.Ran))
        {
            var check = new StatementCheck(script.Phase, observation.PreExisting, released, observation.Rows, observed, final);
            foreach (var hit in check.Run())
            {
                yield return hit;
            }
        }

        if (observation.Failure is { } failure)
        {
            yield return new RuleHit(LintRules.StatementFails, LintSeverity.Error, failure.Statement, failure.Message);
        }
    }

    // final: the catalog after the script's last statement, which tells a function dropped for good from one dropped
    // to be created again with another body.
    private sealed class StatementCheck(
        Phase phase, CatalogState preExisting, CatalogState released, FrozenDictionary<uint, long> rows,
        ObservedStatement observed, CatalogState final)
    {
        private readonly List<RuleHit> _hits = [];

        // Tables whose scan another rule already explains, so that CUT102 does not say it again.
        private readonly HashSet<uint> _explained = [];

        private LintStatement Statement => observed.Statement;

        public List<RuleHit> Run()
        {
            var before = observed.Before;
            var after = observed.After;
            var rewritten = before.Entries.Values
                .Where(e => e.IsTable && Existed(e) && after.Find(e.Kind, e.Key) is { } now && now.Detail != e.Detail)
                .Select(e => e.Oid).ToHashSet();
            foreach (var old in before.Entries.Values.Where(Existed))
            {
                if (after.Find(old.Kind, old.Key) is { } now)
                {
                    Changed(old, now, rewritten);
                }
                else
                {
                    Removed(old, after);
                }
            }

            foreach (var added in after.Entries.Values.Where(e => before.Find(e.Kind, e.Key) is null))
            {
                Added(added, before);
            }

            RequiredColumns(before, after);
            WholeTableChanges();
            ScansUnderExclusiveLock(rewritten);
            return _hits;
        }

        private bool Existed(CatalogEntry entry) => preExisting.Find(entry.Kind, entry.Key) is not null;

        private bool TableExisted(uint oid) => preExisting.FindRelation(oid) is { IsTable: true };

        // What the previous application version knows: the objects of the releases before this script's.
        private bool Known(CatalogEntry entry) => released.Find(entry.Kind, entry.Key) is not null;

        private CatalogEntry TableEntry(uint oid) =>
            preExisting.FindRelation(oid) ?? observed.Before.FindRelation(oid) ?? observed.After.FindRelation(oid)!;

        private string TableName(uint oid) => observed.After.FindRelation(oid)?.Name ?? observed.Before.FindRelation(oid)?.Name ?? oid.ToString(System.Globalization.CultureInfo.InvariantCulture);

        private void Changed(CatalogEntry old, CatalogEntry now, HashSet<uint> rewritten)
        {
            if (now.Name != old.Name && IsRenameOfItsOwn(old, now))
            {
                Phased(LintRules.RenameObject, false, $"renames {Describe(old)} to {now.Name}", old);
            }

            switch (old.Kind)
            {
                case CatalogObjectKind.Column when now.Type != old.Type && rewritten.Contains(old.Owner):
                    Phased(LintRules.ChangeColumnType, false,
                        $"changes column {now.Name} from {old.Type} to {now.Type}, which is not binary-coercible", old);
                    break;
                case CatalogObjectKind.Column when now.Flag && !old.Flag:
                    Phased(LintRules.ConstraintBreaksOldWrites, false,
                        $"makes column {now.Name} NOT NULL: inserts of the previous version that leave it out fail", old);
                    if (observed.Scanned.Contains(old.Owner))
                    {
                        _explained.Add(old.Owner);
                        Add(LintRules.SetNotNull,
                            $"SET NOT NULL on {now.Name} scans {TableName(old.Owner)} under {Lock(old.Owner)}: no validated " +
                            "CHECK (... IS NOT NULL) proves it");
                    }

                    break;
                case CatalogObjectKind.Function when now.Detail != old.Detail:
                    Phased(LintRules.ChangeFunction, false,
                        $"changes the body or result of function {now.Name}, which the previous version may call", old);
                    break;
                case CatalogObjectKind.Relation when old.IsTable && now.Detail != old.Detail:
                    Rewritten(old);
                    break;
                case CatalogObjectKind.Relation when old.IsIndex && now.Detail != old.Detail && !rewritten.Contains(old.Owner)
                    && Statement.Verb != "REINDEX":
                    Add(LintRules.TableRewrite, $"rebuilds index {now.Name} under {Lock(old.Owner)} on {TableName(old.Owner)}");
                    break;
                default:
                    break;
            }
        }

        // A column's or constraint's qualified name changes with its table's; only its own rename counts.
        private static bool IsRenameOfItsOwn(CatalogEntry old, CatalogEntry now) => old.Kind switch
        {
            CatalogObjectKind.Column => LastPart(old.Name) != LastPart(now.Name),
            CatalogObjectKind.Relation => old.IsTable || old.IsView,
            CatalogObjectKind.Function or CatalogObjectKind.Type => true,
            _ => false,
        };

        private static string LastPart(string name) => name[(name.LastIndexOf('.') + 1)..];

        private void Rewritten(CatalogEntry table)
        {
            _explained.Add(table.Oid);
            if (Statement.Verb is "VACUUM" or "CLUSTER" or "REINDEX")
            {
                return; // StaticRules names these.
            }

            var message = $"rewrites table {table.Name} under {Lock(table.Oid)}";
            if (Statement.Has("ADD") && Statement.Has("DEFAULT") && !Statement.Has("TYPE"))
            {
                Add(LintRules.VolatileDefault, message + ": the new column's default is volatile, so every row gets its own value");
            }
            else
            {
                Add(LintRules.TableRewrite, message);
            }
        }

        private void Removed(CatalogEntry old, CatalogState after)
        {
            switch (old.Kind)
            {
                case CatalogObjectKind.Relation when old.IsTable:
                    Phased(LintRules.DropObject, true, $"drops table {old.Name}", old);
                    break;
                case CatalogObjectKind.Relation when old.IsView:
                    Phased(LintRules.DropObject, false, $"drops view {old.Name}", old);
                    break;
                case CatalogObjectKind.Relation when old.IsIndex && after.FindRelation(old.Owner) is not null
                    && Statement.Verb == "DROP" && !Statement.Has("CONCURRENTLY"):
                    Add(LintRules.IndexWithoutConcurrently,
                        $"drops index {old.Name} without CONCURRENTLY: {Lock(old.Owner)} on {TableName(old.Owner)}");
                    break;
                case CatalogObjectKind.Column when after.FindRelation(old.Owner) is not null:
                    Phased(LintRules.DropObject, true, $"drops column {old.Name}", old);
                    break;
                case CatalogObjectKind.Function when final.Entries.Values.Any(e => e.Kind == old.Kind && e.Name == old.Name):
                    Phased(LintRules.ChangeFunction, false,
                        $"drops function {old.Name}, which the script creates again: another body for the callers of the previous version", old);
                    break;
                case CatalogObjectKind.Function:
                    Phased(LintRules.DropObject, false, $"drops function {old.Name}", old);
                    break;
                case CatalogObjectKind.Type:
                    Phased(LintRules.DropObject, false, $"drops type {old.Name}", old);
                    break;
                default:
                    break;
            }
        }

        private void Added(CatalogEntry added, CatalogState before)
        {
            if (!TableExisted(added.Owner))
            {
                return;
            }

            var table = TableName(added.Owner);
            switch (added.Kind)
            {
                case CatalogObjectKind.Constraint when IsRecreated(added, before):
                    // ALTER COLUMN ... TYPE drops and recreates the constraints on the column: not a new rule for
                    // anybody's writes; the rewrite says what it costs.
                    break;
                case CatalogObjectKind.Constraint when added.Type is "c" or "f":
                    var kind = added.Type == "c" ? "CHECK" : "foreign key";

                    // On columns the previous version never writes (new ones), its writes leave NULL, which passes.
                    if (added.ConstraintColumns.Any(c => released.Find(CatalogObjectKind.Column, c) is not null))
                    {
                        Phased(LintRules.ConstraintBreaksOldWrites, false,
                            $"adds {kind} {added.Name}: writes of the previous version may violate it", TableEntry(added.Owner));
                    }

                    if (added.Flag)
                    {
                        _explained.Add(added.Owner);
                        Add(LintRules.ConstraintWithoutNotValid,
                            $"adds {kind} {added.Name} and validates every row of {table} at once, under {Lock(added.Owner)}");
                    }

                    break;
                case CatalogObjectKind.Constraint when added.Type is "u" or "p" or "x" && before.FindRelation(added.ConstraintIndex) is null:
                    _explained.Add(added.Owner);
                    Add(LintRules.UniqueBuiltInPlace,
                        $"builds the index of {added.Name} on {table} under {Lock(added.Owner)}");
                    break;
                case CatalogObjectKind.Relation when added.IsIndex && Statement.Verb == "CREATE":
                    _explained.Add(added.Owner);
                    Add(LintRules.IndexWithoutConcurrently,
                        $"builds index {added.Name} on {table} under {Lock(added.Owner)}: writes wait until it is built");
                    break;
                default:
                    break;
            }
        }

        // A column the previous version's inserts leave out must have a default or accept NULL: reported when a
        // statement makes one NOT NULL without a default (ADD COLUMN, DROP DEFAULT) that was not so before the script.
        // SET NOT NULL is reported by Changed already.
        private void RequiredColumns(CatalogState before, CatalogState after)
        {
            foreach (var column in after.Entries.Values.Where(e => e.Kind == CatalogObjectKind.Column && IsRequired(e)
                && released.FindRelation(e.Owner) is { IsTable: true }))
            {
                var then = before.Find(column.Kind, column.Key);
                var atStart = released.Find(column.Kind, column.Key);
                if ((then is null || (!IsRequired(then) && then.Flag)) && (atStart is null || !IsRequired(atStart)))
                {
                    Phased(LintRules.ConstraintBreaksOldWrites, false,
                        $"column {column.Name} is NOT NULL without a default: inserts of the previous version leave it out and fail",
                        TableEntry(column.Owner));
                }
            }
        }

        private static bool IsRequired(CatalogEntry column) => column.Flag && column.Detail == "false";

        private bool IsRecreated(CatalogEntry added, CatalogState before) =>
            before.Entries.Values.Any(e => e.Kind == CatalogObjectKind.Constraint && e.Owner == added.Owner
                && e.Name == added.Name && observed.After.Find(e.Kind, e.Key) is null);

        private void WholeTableChanges()
        {
            if (!Statement.IsDataChange)
            {
                return;
            }

            foreach (var (table, changed) in observed.RowsChanged)
            {
                if (TableExisted(table) && rows.GetValueOrDefault(table) is > 0 and var total && changed >= total)
                {
                    _explained.Add(table);
                    Add(LintRules.WholeTableDml,
                        $"{Statement.Verb} changes every row of {TableName(table)} in the migration's transaction ({changed} " +
                        $"changed; the scratch database's table held {total} when the script started)");
                }
            }
        }

        private void ScansUnderExclusiveLock(HashSet<uint> rewritten)
        {
            foreach (var table in observed.Scanned.Where(t => TableExisted(t) && !rewritten.Contains(t) && !_explained.Contains(t)))
            {
                if (observed.LockOn(table) == TableLockMode.AccessExclusiveLock)
                {
                    Add(LintRules.ScanUnderExclusiveLock,
                        $"scans {TableName(table)} while the transaction holds ACCESS EXCLUSIVE on it");
                }
            }
        }

        private string Lock(uint table) => observed.LockOn(table) switch
        {
            TableLockMode.AccessExclusiveLock => "ACCESS EXCLUSIVE",
            TableLockMode.ExclusiveLock => "EXCLUSIVE",
            TableLockMode.ShareRowExclusiveLock => "SHARE ROW EXCLUSIVE",
            TableLockMode.ShareLock => "SHARE",
            TableLockMode.ShareUpdateExclusiveLock => "SHARE UPDATE EXCLUSIVE",
            var other => other.ToString(),
        };

        private static string Describe(CatalogEntry entry) => entry.Kind switch
        {
            CatalogObjectKind.Relation when entry.IsView => "view " + entry.Name,
            CatalogObjectKind.Relation => "table " + entry.Name,
            CatalogObjectKind.Column => "column " + entry.Name,
            CatalogObjectKind.Function => "function " + entry.Name,
            _ => "type " + entry.Name,
        };

        private void Add(LintRule rule, string message) =>
            _hits.Add(new RuleHit(rule, LintSeverity.Error, Statement, message));

        // In a pre-migration the previous version still runs: an error. In a post-migration it is gone: only losing
        // data is worth a warning.
        private void Phased(LintRule rule, bool losesData, string message, CatalogEntry subject)
        {
            if (phase == Phase.Pre && Known(subject))
            {
                _hits.Add(new RuleHit(rule, LintSeverity.Error, Statement, message));
            }
            else if (phase == Phase.Post && losesData)
            {
                _hits.Add(new RuleHit(rule, LintSeverity.Warning, Statement, message + " (its data is lost)"));
            }
        }
    }
}
