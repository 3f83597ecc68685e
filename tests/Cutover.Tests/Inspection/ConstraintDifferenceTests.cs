namespace Cutover.Tests.Inspection;

public sealed class ConstraintDifferenceTests(ServerFixture fixture)
{
    private const string Tables = "CREATE TABLE p (id int PRIMARY KEY, k int, UNIQUE (id, k)); CREATE TABLE c (pid int, k int)";

    public static TheoryData<string, string, string, string> Cases => new()
    {
        // The primary key's index is the constraint's and is not listed again.
        { "only in left: constraint t.t_pkey", "CREATE TABLE t (a int NOT NULL)", "ALTER TABLE t ADD PRIMARY KEY (a)", "" },
        {
            "differs: constraint t.c definition", "CREATE TABLE t (a int)",
            "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0)", "ALTER TABLE t ADD CONSTRAINT c CHECK (a >= 0)"
        },
        {
            "differs: constraint t.u definition", "CREATE TABLE t (a int, b int)",
            "ALTER TABLE t ADD CONSTRAINT u UNIQUE (a)", "ALTER TABLE t ADD CONSTRAINT u UNIQUE (a, b)"
        },
        {
            "differs: constraint c.fk definition", Tables,
            "ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p (id)",
            "ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (pid, k) REFERENCES p (id, k)"
        },
        {
            "differs: constraint c.fk on delete", Tables,
            "ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p ON DELETE CASCADE",
            "ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p"
        },
        {
            "differs: constraint c.fk on delete", Tables,
            "ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (pid, k) REFERENCES p (id, k) ON DELETE SET NULL (k)",
            "ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (pid, k) REFERENCES p (id, k) ON DELETE SET NULL"
        },
        {
            "differs: constraint c.fk on update", Tables,
            "ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p ON UPDATE RESTRICT",
            "ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p ON UPDATE CASCADE"
        },
        {
            "differs: constraint c.fk match", Tables,
            "ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (pid, k) REFERENCES p (id, k) MATCH FULL",
            "ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (pid, k) REFERENCES p (id, k)"
        },
        {
            "differs: constraint c.fk deferrable", Tables,
            "ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p DEFERRABLE",
            "ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p"
        },
        {
            "differs: constraint c.fk initially deferred", Tables,
            "ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p DEFERRABLE INITIALLY DEFERRED",
            "ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p DEFERRABLE INITIALLY IMMEDIATE"
        },
        {
            "differs: constraint c.fk validated", Tables,
            "ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p NOT VALID",
            "ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p"
        },
        {
            "differs: constraint t.c validated", "CREATE TABLE t (a int)",
            "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID", "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0)"
        },
        {
            "differs: constraint t.u deferrable", "CREATE TABLE t (a int)",
            "ALTER TABLE t ADD CONSTRAINT u UNIQUE (a) DEFERRABLE", "ALTER TABLE t ADD CONSTRAINT u UNIQUE (a)"
        },
        { "only in left: constraint t.x", "CREATE TABLE t (r int4range)", "ALTER TABLE t ADD CONSTRAINT x EXCLUDE USING gist (r WITH &&)", "" },
        {
            "differs: constraint t.x definition", "CREATE TABLE t (r int4range, a int)",
            "ALTER TABLE t ADD CONSTRAINT x EXCLUDE USING gist (r WITH &&)",
            "ALTER TABLE t ADD CONSTRAINT x EXCLUDE USING gist (r WITH &&) WHERE (a > 0)"
        },
        {
            "differs: constraint t.c comment", "CREATE TABLE t (a int CONSTRAINT c CHECK (a > 0))",
            "COMMENT ON CONSTRAINT c ON t IS 'x'", ""
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Comparison_names_the_one_difference(string expected, string baseSql, string leftSql, string rightSql) =>
        DifferenceCase.AssertAsync(fixture, expected, baseSql, leftSql, rightSql);
}
