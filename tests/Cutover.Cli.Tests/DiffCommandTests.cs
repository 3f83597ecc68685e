using Cutover.Tests;
using Npgsql;
using Shouldly;

namespace Cutover.Cli.Tests;

// diff reads the catalogs through data sources that load no types from the database: the schemas here have types of
// their own in every place the inspection reads (columns, a view, a function, a domain, a composite).
public sealed class DiffCommandTests(ServerFixture fixture)
{
    private const string Schema = """
        CREATE TYPE mood AS ENUM ('sad', 'ok');
        CREATE DOMAIN positive AS int CHECK (VALUE > 0);
        CREATE TYPE pair AS (left_side positive, right_side mood);
        CREATE TABLE people (id int PRIMARY KEY, feeling mood NOT NULL DEFAULT 'ok', score positive, both_sides pair);
        CREATE VIEW happy AS SELECT id FROM people WHERE feeling = 'ok';
        CREATE FUNCTION cheer(p mood) RETURNS mood LANGUAGE sql AS 'SELECT p';
        """;

    [Fact]
    public async Task Databases_with_the_same_types_of_their_own_are_equivalent()
    {
        var left = await CreateAsync(Schema);
        var right = await CreateAsync(Schema);

        var run = await CliProcess.RunAsync(".", "diff", fixture.Server.ConnectionString(left), fixture.Server.ConnectionString(right));

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Output.ShouldContain("equivalent");
    }

    [Fact]
    public async Task An_enum_label_more_on_one_side_exits_1_naming_the_enum()
    {
        var left = await CreateAsync(Schema);
        var right = await CreateAsync(Schema + "ALTER TYPE mood ADD VALUE 'glad';");

        var run = await CliProcess.RunAsync(".", "diff", fixture.Server.ConnectionString(left), fixture.Server.ConnectionString(right));

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Output.ShouldContain("differs: enum mood");
    }

    private async Task<string> CreateAsync(string sql)
    {
        var database = await fixture.CreateDatabaseAsync();
        await using var dataSource = fixture.Server.CreateDataSource(database);
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        return database;
    }
}
