using Cutover.Tests;
using Shouldly;

namespace Cutover.Cli.Tests.Scenarios;

/// <summary>The CLI's data source knows only PostgreSQL's built-in types (it skips Npgsql's read of every type in the
/// database, a large share of a no-op run): scripts that return rows of the application's own types, enums, arrays
/// of them, ranges, composites, still apply, in a transaction and without one, and status and validate read
/// such a database.</summary>
public sealed class ScriptsReadingTheApplicationsOwnTypesApply(ServerFixture fixture)
{
    [Fact]
    public async Task Rows_of_application_types_are_discarded_unread()
    {
        using var folder = new MigrationFolder()
            .With("01.00.00_01_pre_types.sql", """
                CREATE TYPE mood AS ENUM ('happy', 'sad');
                CREATE TYPE pair AS (a int, b text);
                CREATE DOMAIN positive AS int CHECK (VALUE > 0);
                CREATE TABLE person (name text, feeling mood, feelings mood[], span int4range, p pair, n positive);
                """)
            .With("01.00.00_02_pre_rows.sql", """
                INSERT INTO person VALUES ('ana', 'happy', '{happy,sad}', '[1,3)', ROW(1, 'x'), 5) RETURNING *;
                SELECT * FROM person;
                SELECT 'sad'::mood, ARRAY['happy'::mood], ROW(2, 'y')::pair, 7::positive, 'person'::regclass;
                """)
            .With("01.00.00_03_pre_index.sql", """
                -- cutover:no-transaction
                SELECT feeling, p FROM person;
                CREATE INDEX CONCURRENTLY IF NOT EXISTS person_feeling ON person (feeling);
                """);
        var connection = fixture.Server.ConnectionString(await fixture.CreateDatabaseAsync());

        var upgrade = await CliProcess.RunAsync(folder.Root, "upgrade", "--phase", "all", "-c", connection);
        var status = await CliProcess.RunAsync(folder.Root, "status", "-c", connection);
        var validate = await CliProcess.RunAsync(folder.Root, "validate", "-c", connection);

        upgrade.ExitCode.ShouldBe(0, upgrade.ToString());
        upgrade.Output.ShouldContain("Applied 3 script(s)");
        status.ExitCode.ShouldBe(0, status.ToString());
        validate.ExitCode.ShouldBe(0, validate.ToString());
    }
}
