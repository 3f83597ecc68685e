using System.Collections.Immutable;

namespace Cutover.Safety;

/// <summary>Every rule <see cref="Linter"/> applies. CUT0xx: phase compatibility (what the old application version
/// cannot live with); CUT1xx: lock safety (what blocks production traffic); CUT2xx: what the text alone shows;
/// CUT9xx: the lint itself.</summary>
public static class LintRules
{
    /// <summary>CUT001: a table, column, view, type or function is dropped.</summary>
    public static LintRule DropObject { get; } = new("CUT001", "drop-object",
        "drops a table, column, view, type or function that the previous application version may still use",
        "stop using the object in one release, drop it in a post-migration of the next");

    /// <summary>CUT002: a table, column, view, type or function is renamed.</summary>
    public static LintRule RenameObject { get; } = new("CUT002", "rename-object",
        "renames a table, column, view, type or function that the previous application version uses by its old name",
        "add the new object beside the old one (a new column kept in sync by a trigger, a view, a new function), " +
        "move the code over, drop the old one in a post-migration");

    /// <summary>CUT003: a column's type changes in a way that rewrites the table.</summary>
    public static LintRule ChangeColumnType { get; } = new("CUT003", "change-column-type",
        "changes a column's type to one the previous application version may not read or write",
        "add a column of the new type, keep both in sync with a trigger, backfill after the deploy, switch the code, " +
        "drop the old column in a post-migration");

    /// <summary>CUT004: NOT NULL, CHECK or a foreign key added to an existing table before the code writes to
    /// match.</summary>
    public static LintRule ConstraintBreaksOldWrites { get; } = new("CUT004", "constraint-breaks-old-writes",
        "adds NOT NULL, a CHECK or a foreign key that writes of the previous application version may violate",
        "add the constraint in a post-migration, once only code that satisfies it runs");

    /// <summary>CUT005: the body or signature of an existing function changes.</summary>
    public static LintRule ChangeFunction { get; } = new("CUT005", "change-function",
        "changes the body or signature of a function the previous application version calls",
        "create a new versioned function (name_v2) for the new code; drop the old one in a post-migration");

    /// <summary>CUT101: an existing table or index is rewritten under an ACCESS EXCLUSIVE lock.</summary>
    public static LintRule TableRewrite { get; } = new("CUT101", "table-rewrite",
        "rewrites an existing table or index while holding ACCESS EXCLUSIVE: no reads or writes until it is done",
        "add a new column, backfill it in batches after the deploy, switch over; or make the change binary-coercible");

    /// <summary>CUT102: an existing table is scanned while ACCESS EXCLUSIVE is held on it.</summary>
    public static LintRule ScanUnderExclusiveLock { get; } = new("CUT102", "scan-under-exclusive-lock",
        "scans an existing table while the transaction holds ACCESS EXCLUSIVE on it: every query waits for the scan",
        "take the lock for an instant only: validate in a separate script (VALIDATE CONSTRAINT takes SHARE UPDATE " +
        "EXCLUSIVE), and do not mix DDL with scans of the same table in one transaction");

    /// <summary>CUT103: SET NOT NULL scans the table under ACCESS EXCLUSIVE.</summary>
    public static LintRule SetNotNull { get; } = new("CUT103", "set-not-null",
        "SET NOT NULL scans the whole table under ACCESS EXCLUSIVE when no validated CHECK proves it",
        "ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID; then, in a later script, VALIDATE CONSTRAINT c; " +
        "then SET NOT NULL (no scan) and DROP CONSTRAINT c");

    /// <summary>CUT104: a foreign key or check is added and validated at once.</summary>
    public static LintRule ConstraintWithoutNotValid { get; } = new("CUT104", "constraint-without-not-valid",
        "adds a foreign key or CHECK to an existing table and validates every row while blocking writes",
        "ADD CONSTRAINT ... NOT VALID (instant), then VALIDATE CONSTRAINT in a separate script (does not block writes)");

    /// <summary>CUT105: an index on an existing table is created or dropped without CONCURRENTLY.</summary>
    public static LintRule IndexWithoutConcurrently { get; } = new("CUT105", "index-without-concurrently",
        "creates or drops an index on an existing table without CONCURRENTLY: writes wait until it is done",
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS / DROP INDEX CONCURRENTLY IF EXISTS in a script of its own " +
        "marked -- cutover:no-transaction");

    /// <summary>CUT106: a unique or primary key constraint builds its index in place.</summary>
    public static LintRule UniqueBuiltInPlace { get; } = new("CUT106", "unique-built-in-place",
        "adds a unique or primary key constraint that builds its index under ACCESS EXCLUSIVE",
        "CREATE UNIQUE INDEX CONCURRENTLY in a no-transaction script, then ADD CONSTRAINT ... UNIQUE USING INDEX");

    /// <summary>CUT107: VACUUM FULL, CLUSTER or REINDEX without CONCURRENTLY.</summary>
    public static LintRule HeavyMaintenance { get; } = new("CUT107", "heavy-maintenance",
        "VACUUM FULL, CLUSTER or REINDEX without CONCURRENTLY rewrites under a lock that blocks the table",
        "REINDEX ... CONCURRENTLY in a no-transaction script; pg_repack or pg_squeeze instead of VACUUM FULL and " +
        "CLUSTER; or a maintenance window outside migrations");

    /// <summary>CUT108: a column added with a volatile default rewrites the table.</summary>
    public static LintRule VolatileDefault { get; } = new("CUT108", "volatile-default",
        "adds a column with a volatile default (random(), clock_timestamp(), gen_random_uuid()...), which rewrites " +
        "the table under ACCESS EXCLUSIVE",
        "add the column without a default (or a constant one), set the volatile default in a second statement, " +
        "backfill existing rows in batches after the deploy");

    /// <summary>CUT109: an UPDATE or DELETE touches every row of an existing table inside a migration.</summary>
    public static LintRule WholeTableDml { get; } = new("CUT109", "whole-table-dml",
        "an UPDATE or DELETE touches every row of an existing table in one migration transaction: row locks on " +
        "the whole table, a long transaction, bloat",
        "a batched backfill run after the deploy (a post-deploy action with Backfill), between the pre and the " +
        "post phase");

    /// <summary>CUT201: CONCURRENTLY in a script that runs in a transaction.</summary>
    public static LintRule ConcurrentlyInTransaction { get; } = new("CUT201", "concurrently-in-transaction",
        "CONCURRENTLY cannot run inside a transaction block, and this script runs in one (25001 at deploy time)",
        "move the statement to a script of its own whose first line is -- cutover:no-transaction");

    /// <summary>CUT202: a no-transaction script creates or drops without IF [NOT] EXISTS.</summary>
    public static LintRule RerunUnsafe { get; } = new("CUT202", "rerun-unsafe",
        "a no-transaction script is rerun from its first statement after a failure; without IF [NOT] EXISTS the " +
        "statements that already ran fail the second time",
        "CREATE ... IF NOT EXISTS, DROP ... IF EXISTS");

    /// <summary>CUT203: BEGIN, COMMIT, ROLLBACK, SAVEPOINT and friends in a script.</summary>
    public static LintRule TransactionControl { get; } = new("CUT203", "transaction-control",
        "Cutover runs each script in a transaction of its own with its journal row; transaction control in the " +
        "script would commit half a migration",
        "remove it; a script that cannot run in a transaction starts with -- cutover:no-transaction");

    /// <summary>CUT901: the statement fails on a scratch database with rows in its tables.</summary>
    public static LintRule StatementFails { get; } = new("CUT901", "statement-fails",
        "the statement failed on a scratch database built from the scripts before it, with a few rows in each table",
        "make the script work on a database with data: a default for a new NOT NULL column, data fixed first");

    /// <summary>CUT902: a <c>-- cutover:allow</c> directive that allowed nothing.</summary>
    public static LintRule UnusedAllow { get; } = new("CUT902", "unused-allow",
        "a -- cutover:allow directive names a rule that did not fire on the statement after it",
        "remove the directive, or move it to the line before the statement it is meant for");

    /// <summary>Every rule, by id.</summary>
    public static ImmutableArray<LintRule> All { get; } =
    [
        DropObject, RenameObject, ChangeColumnType, ConstraintBreaksOldWrites, ChangeFunction,
        TableRewrite, ScanUnderExclusiveLock, SetNotNull, ConstraintWithoutNotValid, IndexWithoutConcurrently,
        UniqueBuiltInPlace, HeavyMaintenance, VolatileDefault, WholeTableDml,
        ConcurrentlyInTransaction, RerunUnsafe, TransactionControl, StatementFails, UnusedAllow,
    ];

    /// <summary>Finds a rule by id (case-insensitive), or null.</summary>
    public static LintRule? Find(string id) =>
        All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));
}
