using Cutover.Scripts;
using Npgsql;
using Shouldly;

namespace Cutover.Tests.Scripts;

/// <summary>Runs split scripts on a real server, one batch command per statement, as the engine does.</summary>
public sealed class StatementSplitterServerTests(ServerFixture fixture)
{
    [Fact]
    public async Task Split_statements_run_as_one_batch_and_mean_what_the_script_meant()
    {
        const string Script = """
            create table t (s text);
            create table u (s text);
            -- PostgreSQL continues a literal across a line break, and across "--" comments, keeping its escape rule.
            insert into t values (E'a'
              -- the literal goes on
            'b\';c');
            insert into t values ('x' -- here too
            'y;');
            insert into t values ($fn$ $$ ; $fn$);
            create function f(a int) returns text language sql
            begin atomic
              select case when a > 0 then 'p;' else 'n' end;
            end;
            insert into t select f(1);
            create rule r as on insert to t where new.s = 'dup' do also (insert into u values ('r1'); insert into u values ('r2'));
            /* nested /* ; */ */ insert into t values ('dup') -- done;
            """;
        var ct = TestContext.Current.CancellationToken;
        await using var dataSource = fixture.Server.CreateDataSource(await fixture.CreateDatabaseAsync());
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var statements = StatementSplitter.Split(Script);

        await using (var batch = new NpgsqlBatch(connection))
        {
            foreach (var statement in statements)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(statement.TextIn(Script)));
            }

            await batch.ExecuteNonQueryAsync(ct);
        }

        await using var query = new NpgsqlCommand("select string_agg(s, '|' order by s) from (select s from t union all select s from u) as both_tables", connection);
        (statements.Length, await query.ExecuteScalarAsync(ct)).ShouldBe((9, " $$ ; |ab';c|dup|p;|r1|r2|xy;"));
    }

    [Fact]
    public async Task Server_error_position_maps_to_the_script_line_and_column()
    {
        const string Script = "create table t (id int);\n-- a comment; with a semicolon\ninsert into t values (1);\r\nselect id,\r\n       nope from t;";
        var ct = TestContext.Current.CancellationToken;
        await using var dataSource = fixture.Server.CreateDataSource(await fixture.CreateDatabaseAsync());
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var statements = StatementSplitter.Split(Script);
        for (var i = 0; i < 2; i++)
        {
            await using var command = new NpgsqlCommand(statements[i].TextIn(Script), connection);
            await command.ExecuteNonQueryAsync(ct);
        }

        await using var failing = new NpgsqlCommand(statements[2].TextIn(Script), connection);
        var error = await Should.ThrowAsync<PostgresException>(() => failing.ExecuteNonQueryAsync(ct));

        new LineMap(Script).Locate(statements[2].ScriptOffsetOf(Script, error.Position)).ShouldBe(new ScriptLocation(5, 8));
    }
}
