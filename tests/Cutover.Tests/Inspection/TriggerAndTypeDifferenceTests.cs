namespace Cutover.Tests.Inspection;

public sealed class TriggerAndTypeDifferenceTests(ServerFixture fixture)
{
    private const string Table =
        "CREATE TABLE t (a int, b int); " +
        "CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'; " +
        "CREATE FUNCTION tg() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'";

    private const string Trigger = "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION tf()";

    // Roles belong to the server, which parallel tests share: creating one must tolerate a race.
    private const string Role =
        "DO $$ BEGIN CREATE ROLE cutover_inspection_reader; " +
        "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$";

    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "only in left: trigger t.tr", Table, Trigger, "" },
        { "differs: trigger t.tr timing", Table, Trigger, Trigger.Replace("BEFORE", "AFTER") },
        { "differs: trigger t.tr events", Table, Trigger, Trigger.Replace("INSERT", "INSERT OR UPDATE") },
        { "differs: trigger t.tr events", Table, Trigger.Replace("INSERT", "UPDATE OF a"), Trigger.Replace("INSERT", "UPDATE OF b") },
        { "differs: trigger t.tr level", Table, Trigger, Trigger.Replace("ROW", "STATEMENT") },
        { "differs: trigger t.tr function", Table, Trigger, Trigger.Replace("tf()", "tg()") },
        { "differs: trigger t.tr arguments", Table, Trigger.Replace("tf()", "tf('x')"), Trigger.Replace("tf()", "tf('y')") },
        {
            "differs: trigger t.tr when", Table,
            Trigger.Replace("FOR EACH ROW", "FOR EACH ROW WHEN (NEW.a > 0)"),
            Trigger.Replace("FOR EACH ROW", "FOR EACH ROW WHEN (NEW.a > 1)")
        },
        { "differs: trigger t.tr enabled", Table + "; " + Trigger, "ALTER TABLE t DISABLE TRIGGER tr", "" },
        {
            "differs: trigger t.tr referencing", Table,
            "CREATE TRIGGER tr AFTER INSERT ON t REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION tf()",
            "CREATE TRIGGER tr AFTER INSERT ON t FOR EACH STATEMENT EXECUTE FUNCTION tf()"
        },
        {
            "differs: trigger t.tr constraint", Table,
            "CREATE CONSTRAINT TRIGGER tr AFTER INSERT ON t DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tf()",
            "CREATE CONSTRAINT TRIGGER tr AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION tf()"
        },
        { "differs: trigger t.tr comment", Table + "; " + Trigger, "COMMENT ON TRIGGER tr ON t IS 'x'", "" },
        { "only in left: rule t.r", Table, "CREATE RULE r AS ON DELETE TO t DO INSTEAD NOTHING", "" },
        {
            "differs: rule t.r definition", Table,
            "CREATE RULE r AS ON DELETE TO t DO INSTEAD NOTHING", "CREATE RULE r AS ON DELETE TO t DO ALSO NOTHING"
        },
        { "only in left: policy t.p", Table, "CREATE POLICY p ON t USING (a > 0)", "" },
        { "differs: policy t.p using", Table, "CREATE POLICY p ON t USING (a > 0)", "CREATE POLICY p ON t USING (a > 1)" },
        {
            "differs: policy t.p with check", Table,
            "CREATE POLICY p ON t USING (true) WITH CHECK (a > 0)", "CREATE POLICY p ON t USING (true)"
        },
        { "differs: policy t.p command", Table, "CREATE POLICY p ON t FOR SELECT USING (true)", "CREATE POLICY p ON t USING (true)" },
        { "differs: policy t.p permissive", Table, "CREATE POLICY p ON t AS RESTRICTIVE USING (true)", "CREATE POLICY p ON t USING (true)" },
        {
            "differs: policy t.p roles", Table + "; " + Role,
            "CREATE POLICY p ON t TO cutover_inspection_reader USING (true)", "CREATE POLICY p ON t USING (true)"
        },
        { "only in left: enum e", "", "CREATE TYPE e AS ENUM ('a', 'b')", "" },
        { "differs: enum e labels", "", "CREATE TYPE e AS ENUM ('a', 'b')", "CREATE TYPE e AS ENUM ('b', 'a')" },
        { "differs: enum e labels", "CREATE TYPE e AS ENUM ('a', 'c')", "ALTER TYPE e ADD VALUE 'b' BEFORE 'c'", "" },
        { "differs: enum e comment", "CREATE TYPE e AS ENUM ('a')", "COMMENT ON TYPE e IS 'x'", "" },
        { "only in left: domain d", "", "CREATE DOMAIN d AS int", "" },
        { "differs: domain d base type", "", "CREATE DOMAIN d AS int", "CREATE DOMAIN d AS bigint" },
        { "differs: domain d default", "", "CREATE DOMAIN d AS int DEFAULT 1", "CREATE DOMAIN d AS int" },
        { "differs: domain d not null", "", "CREATE DOMAIN d AS int NOT NULL", "CREATE DOMAIN d AS int" },
        { "differs: domain d collation", "", "CREATE DOMAIN d AS text COLLATE \"C\"", "CREATE DOMAIN d AS text" },
        {
            "differs: domain d constraint positive", "",
            "CREATE DOMAIN d AS int CONSTRAINT positive CHECK (VALUE > 0)",
            "CREATE DOMAIN d AS int CONSTRAINT positive CHECK (VALUE >= 0)"
        },
        { "differs: domain d constraint positive", "", "CREATE DOMAIN d AS int", "CREATE DOMAIN d AS int CONSTRAINT positive CHECK (VALUE > 0)" },
        { "only in left: composite type c", "", "CREATE TYPE c AS (a int, b text)", "" },
        { "differs: composite type c attributes", "", "CREATE TYPE c AS (a int, b text)", "CREATE TYPE c AS (a int, b varchar)" },
        { "differs: composite type c comment", "CREATE TYPE c AS (a int)", "COMMENT ON TYPE c IS 'x'", "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Comparison_names_the_one_difference(string expected, string baseSql, string leftSql, string rightSql) =>
        DifferenceCase.AssertAsync(fixture, expected, baseSql, leftSql, rightSql);
}
