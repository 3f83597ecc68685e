using System.Text.Json;
using Cutover.PostDeploy;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shouldly;

namespace Cutover.Tests.PostDeploy;

/// <summary>Backfills over uuid, text, timestamptz and composite keys: every row is visited exactly once (a counter
/// per row ends at 1), in the key's own order, batch after batch.</summary>
public sealed class BackfillWalksAnyOrderableKey(ServerFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Uuid_keys_in_random_order_are_each_visited_once()
    {
        await using var dataSource = await CreateAsync("""
            CREATE TABLE accounts (id uuid PRIMARY KEY, counter int NOT NULL DEFAULT 0);
            INSERT INTO accounts (id) SELECT gen_random_uuid() FROM generate_series(1, 5000);
            ANALYZE accounts;
            """);
        var spec = new KeyedBackfillSpec(new BackfillOptions
        {
            Table = "accounts",
            BatchSize = 300,
            BatchSql = "UPDATE accounts SET counter = counter + 1 WHERE id BETWEEN @first AND @last",
        });

        var outcome = await RunAsync(dataSource, spec);

        outcome.Kind.ShouldBe(PostDeployOutcomeKind.Succeeded, outcome.ErrorSummary);
        (await CountAsync(dataSource, "SELECT count(*) FROM accounts WHERE counter <> 1")).ShouldBe(0);
        var result = spec.Results.ShouldHaveSingleItem();
        (result.RowsDone, result.Batches, result.RowsAffected).ShouldBe((5000L, 17L, 5000L));
        var cursor = await PostDeployTestDatabase.ScalarAsync<string>(dataSource, "SELECT cursor FROM cutover_post_deploy");
        JsonSerializer.Deserialize<string[]>(cursor).ShouldBe(
            [(await PostDeployTestDatabase.ScalarAsync<string>(dataSource, "SELECT id::text FROM accounts ORDER BY id DESC LIMIT 1"))]);
    }

    [Fact]
    public async Task Composite_key_with_ties_on_its_first_column_across_batches_visits_each_row_once()
    {
        // Five tenants of 1,000 rows and batches of 333: most batches start or end inside a tenant.
        await using var dataSource = await CreateAsync("""
            CREATE TABLE orders (tenant_id int NOT NULL, id bigint NOT NULL, counter int NOT NULL DEFAULT 0,
                                 PRIMARY KEY (tenant_id, id));
            INSERT INTO orders (tenant_id, id) SELECT t, i FROM generate_series(1, 5) AS t, generate_series(1, 1000) AS i;
            ANALYZE orders;
            """);
        var batches = new List<BackfillBatch>();
        var spec = new KeyedBackfillSpec(new BackfillOptions
        {
            Table = "orders",
            KeyColumns = ["tenant_id", "id"],
            BatchSize = 333,
            ProcessBatch = async (batch, token) =>
            {
                await using var command = new NpgsqlCommand("""
                    UPDATE orders SET counter = counter + 1
                    WHERE (tenant_id, id) BETWEEN (@first1, @first2) AND (@last1, @last2)
                    """, batch.Connection, batch.Transaction);
                batch.AddKeyParameters(command);
                (await command.ExecuteNonQueryAsync(token)).ShouldBe(batch.Rows);
                batches.Add(batch);
            },
        });

        var outcome = await RunAsync(dataSource, spec);

        outcome.Kind.ShouldBe(PostDeployOutcomeKind.Succeeded, outcome.ErrorSummary);
        (await CountAsync(dataSource, "SELECT count(*) FROM orders WHERE counter <> 1")).ShouldBe(0);
        batches.Count.ShouldBe(16);
        batches[0].First.Values.ShouldBe(["1", "1"]);
        batches[0].Last.Values.ShouldBe(["1", "333"]);
        batches[3].First.Values.ShouldBe(["1", "1000"]);
        batches[3].Last.Values.ShouldBe(["2", "332"]);
        batches[^1].Last.Values.ShouldBe(["5", "1000"]);
        (await PostDeployTestDatabase.ScalarAsync<string>(dataSource, "SELECT cursor FROM cutover_post_deploy"))
            .ShouldBe("""["5","1000"]""");
    }

    [Theory]
    [InlineData("COLLATE \"C\"")]
    [InlineData("COLLATE \"und-x-icu\"")]
    [InlineData("")]
    public async Task Text_keys_are_walked_in_the_columns_collation_and_each_visited_once(string collation)
    {
        // Mixed case, accents and a German sharp s: byte order and linguistic order disagree on most pairs, so a
        // bound compared in the wrong collation would skip or repeat rows.
        await using var dataSource = await CreateAsync($$"""
            CREATE TABLE words (word text {{collation}} PRIMARY KEY, counter int NOT NULL DEFAULT 0);
            INSERT INTO words (word)
            SELECT a || b || c
            FROM unnest('{a,A,á,Á,b,B,é,É,e,E,z,Z,ß,ö,Ö,o,O,"",-," "}'::text[]) AS a,
                 unnest('{a,A,á,Á,b,B,é,É,e,E,z,Z,ß,ö,Ö,o,O,"",-," "}'::text[]) AS b,
                 unnest('{x,X,ä,Ä,"\"",'',"]"}'::text[]) AS c
            ON CONFLICT DO NOTHING;
            ANALYZE words;
            """);
        var rows = await CountAsync(dataSource, "SELECT count(*) FROM words");
        rows.ShouldBeGreaterThan(2000);
        var spec = new KeyedBackfillSpec(new BackfillOptions
        {
            Table = "words",
            KeyColumn = "word",
            BatchSize = 97,
            BatchSql = "UPDATE words SET counter = counter + 1 WHERE word BETWEEN @first AND @last",
        });

        var outcome = await RunAsync(dataSource, spec);

        outcome.Kind.ShouldBe(PostDeployOutcomeKind.Succeeded, outcome.ErrorSummary);
        (await CountAsync(dataSource, "SELECT count(*) FROM words WHERE counter <> 1")).ShouldBe(0);
        spec.Results.ShouldHaveSingleItem().RowsAffected.ShouldBe(rows);
        var cursor = JsonSerializer.Deserialize<string[]>(
            await PostDeployTestDatabase.ScalarAsync<string>(dataSource, "SELECT cursor FROM cutover_post_deploy"));
        cursor.ShouldBe([await PostDeployTestDatabase.ScalarAsync<string>(dataSource, "SELECT max(word) FROM words")]);
    }

    [Fact]
    public async Task Timestamps_with_duplicates_and_an_id_tie_breaker_round_trip_to_the_microsecond_in_any_session_settings()
    {
        await using var dataSource = await CreateAsync("""
            CREATE TABLE events (created_at timestamptz NOT NULL, id bigint NOT NULL, counter int NOT NULL DEFAULT 0,
                                 PRIMARY KEY (created_at, id));
            INSERT INTO events (created_at, id)
            SELECT timestamptz '2026-03-29 00:59:59.999999+00' + (g / 7) * interval '1.000001 second', g
            FROM generate_series(1, 3000) AS g;
            ANALYZE events;
            """);
        var spec = new KeyedBackfillSpec(new BackfillOptions
        {
            Table = "events",
            KeyColumns = ["created_at", "id"],
            BatchSize = 50,
            BatchSql = """
                UPDATE events SET counter = counter + 1
                WHERE (created_at, id) BETWEEN (@first1, @first2) AND (@last1, @last2)
                """,
        });
        // A session that prints dates day-first with zone abbreviations, in a zone that changes offset inside the
        // data: the cursor must not depend on either.
        await using var oddSession = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(dataSource.ConnectionString)
        {
            Timezone = "Europe/Paris",
            Options = "-c DateStyle=SQL,DMY",
        }.ConnectionString);

        var outcome = await RunAsync(oddSession, spec);

        outcome.Kind.ShouldBe(PostDeployOutcomeKind.Succeeded, outcome.ErrorSummary);
        (await CountAsync(dataSource, "SELECT count(*) FROM events WHERE counter <> 1")).ShouldBe(0);
        spec.Results.ShouldHaveSingleItem().Batches.ShouldBe(60);
        var saved = await PostDeployTestDatabase.ScalarAsync<string>(dataSource, "SELECT cursor FROM cutover_post_deploy");
        saved.ShouldEndWith("+02:00\",\"3000\"]", customMessage: "ISO 8601 with the session zone's summer offset");
        var last = JsonSerializer.Deserialize<string[]>(saved)!;
        (await PostDeployTestDatabase.ScalarAsync<bool>(dataSource,
            $"SELECT (timestamptz '{last[0]}', {last[1]}::bigint) = (SELECT created_at, id FROM events ORDER BY created_at DESC, id DESC LIMIT 1)"))
            .ShouldBeTrue(saved);
    }

    [Fact]
    public async Task Rows_inserted_during_the_run_ahead_of_the_cursor_are_visited_and_behind_it_are_not()
    {
        await using var dataSource = await CreateAsync("""
            CREATE TABLE orders (tenant_id int NOT NULL, id bigint NOT NULL, counter int NOT NULL DEFAULT 0,
                                 PRIMARY KEY (tenant_id, id));
            INSERT INTO orders (tenant_id, id) SELECT t, i FROM generate_series(1, 4) AS t, generate_series(1, 500) AS i;
            """);
        var inserted = false;
        var spec = new KeyedBackfillSpec(new BackfillOptions
        {
            Table = "orders",
            KeyColumns = ["tenant_id", "id"],
            BatchSize = 200,
            ProcessBatch = async (batch, token) =>
            {
                await using var command = new NpgsqlCommand("""
                    UPDATE orders SET counter = counter + 1
                    WHERE (tenant_id, id) BETWEEN (@first1, @first2) AND (@last1, @last2)
                    """, batch.Connection, batch.Transaction);
                batch.AddKeyParameters(command);
                await command.ExecuteNonQueryAsync(token);
                if (!inserted && batch.First.Values[0] == "3")
                {
                    // The application, on its own connection, while this batch is open: one row behind the walk
                    // (tenant 1), one in the tenant being walked beyond this batch, one in a tenant not reached yet.
                    inserted = true;
                    await using var insert = dataSource.CreateCommand(
                        "INSERT INTO orders (tenant_id, id) VALUES (1, 501), (3, 501), (9, 1)");
                    await insert.ExecuteNonQueryAsync(token);
                }
            },
        });

        var outcome = await RunAsync(dataSource, spec);

        outcome.Kind.ShouldBe(PostDeployOutcomeKind.Succeeded, outcome.ErrorSummary);
        (await CountAsync(dataSource, "SELECT count(*) FROM orders WHERE counter <> 1 AND id <= 500")).ShouldBe(0);
        (await CountAsync(dataSource, "SELECT counter FROM orders WHERE (tenant_id, id) = (1, 501)")).ShouldBe(0);
        (await CountAsync(dataSource, "SELECT counter FROM orders WHERE (tenant_id, id) = (3, 501)")).ShouldBe(1);
        (await CountAsync(dataSource, "SELECT counter FROM orders WHERE (tenant_id, id) = (9, 1)")).ShouldBe(1);
    }

    [Fact]
    public async Task Empty_table_succeeds_without_a_batch_or_a_cursor()
    {
        await using var dataSource = await CreateAsync(
            "CREATE TABLE accounts (id uuid PRIMARY KEY, counter int NOT NULL DEFAULT 0)");
        var spec = new KeyedBackfillSpec(new BackfillOptions
        {
            Table = "accounts",
            BatchSql = "UPDATE accounts SET counter = counter + 1 WHERE id BETWEEN @first AND @last",
        });

        var outcome = await RunAsync(dataSource, spec);

        outcome.Kind.ShouldBe(PostDeployOutcomeKind.Succeeded, outcome.ErrorSummary);
        var result = spec.Results.ShouldHaveSingleItem();
        (result.RowsDone, result.Batches).ShouldBe((0L, 0L));
        (await PostDeployTestDatabase.ScalarAsync<object>(dataSource, "SELECT cursor FROM cutover_post_deploy"))
            .ShouldBe(DBNull.Value);
    }

    [Fact]
    public async Task Keyset_query_reads_the_composite_index_in_order_without_sorting_the_table()
    {
        await using var dataSource = await CreateAsync("""
            CREATE TABLE orders (tenant_id int NOT NULL, id bigint NOT NULL, note text, PRIMARY KEY (tenant_id, id));
            INSERT INTO orders (tenant_id, id) SELECT t, i FROM generate_series(1, 50) AS t, generate_series(1, 2000) AS i;
            ANALYZE orders;
            """);
        await using var connection = await dataSource.OpenConnectionAsync(Ct);
        var keyset = await BackfillKeyset.ResolveAsync(
            connection, new BackfillOptions { Table = "orders", KeyColumns = ["tenant_id", "id"], BatchSql = "-" }, Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        await using var command = keyset.CreateNextBatchCommand(
            connection, transaction, new BackfillKey(["25", "1000"]), 1000);
        command.CommandText = "EXPLAIN " + command.CommandText;

        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                plan.Add(reader.GetString(0));
            }
        }

        var text = string.Join("\n", plan);
        text.ShouldContain("Index", customMessage: text);
        text.ShouldNotContain("Seq Scan", customMessage: text);
        text.ShouldContain("ROW(tenant_id, id) > ROW(", customMessage: text);
    }

    private async Task<NpgsqlDataSource> CreateAsync(string schema)
    {
        var database = await PostDeployTestDatabase.CreateAsync(fixture);
        var dataSource = fixture.Server.CreateDataSource(database);
        await using var command = dataSource.CreateCommand(schema);
        await command.ExecuteNonQueryAsync(Ct);
        return dataSource;
    }

    private static async Task<PostDeployOutcome> RunAsync(NpgsqlDataSource dataSource, KeyedBackfillSpec spec)
    {
        var runner = PostDeployTestDatabase.CreateRunner(
            dataSource, PostDeployCatalog.FromTypes(typeof(KeyedBackfill)), "test",
            services: new ServiceCollection().AddSingleton(spec).BuildServiceProvider());
        var result = await runner.DeployAsync(PostDeployRequest.For(PostDeployMode.Auto), cancellationToken: Ct);
        return result.Outcomes.ShouldHaveSingleItem();
    }

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql) =>
        Convert.ToInt64(await PostDeployTestDatabase.ScalarAsync<object>(dataSource, sql), System.Globalization.CultureInfo.InvariantCulture);
}
