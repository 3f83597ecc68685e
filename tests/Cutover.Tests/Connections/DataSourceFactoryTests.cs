using System.Globalization;
using Cutover.Connections;
using Npgsql;
using Shouldly;

namespace Cutover.Tests.Connections;

/// <summary>Each way of naming a target reaches the throwaway server.</summary>
public sealed class DataSourceFactoryTests(ServerFixture fixture) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Connects_through_a_service_file()
    {
        var database = await fixture.CreateDatabaseAsync();
        var serviceFile = _folder.Write("pg_service.conf", $"""
            # written by the test
            [throwaway]
            host={fixture.Server.SocketDirectory}
            port={fixture.Server.Port}
            user={fixture.Server.Username}
            dbname={database}
            """);

        var current = await QueryAsync(
            ConnectionTarget.Create(serviceName: "throwaway"), Environment(("PGSERVICEFILE", serviceFile)),
            "select current_database()");

        current.ShouldBe(database);
    }

    [Fact]
    public async Task Connects_through_a_URI_with_a_percent_encoded_socket_folder()
    {
        var database = await fixture.CreateDatabaseAsync();
        var uri = $"postgresql://{fixture.Server.Username}@{Uri.EscapeDataString(fixture.Server.SocketDirectory)}:"
            + $"{fixture.Server.Port}/{database}";

        (await QueryAsync(ConnectionTarget.Create(uri), Environment(), "select current_database()")).ShouldBe(database);
    }

    [Fact]
    public async Task Connects_through_a_URI_over_TCP()
    {
        var database = await fixture.CreateDatabaseAsync();
        var uri = $"postgres://{fixture.Server.Username}@127.0.0.1:{fixture.Server.Port}/{database}?sslmode=disable";

        (await QueryAsync(ConnectionTarget.Create(uri), Environment(), "select inet_server_addr()::text"))
            .ShouldBe("127.0.0.1/32");
    }

    [Fact]
    public async Task Connects_through_PG_environment_variables()
    {
        var database = await fixture.CreateDatabaseAsync();
        var environment = Environment([.. fixture.Server.EnvironmentFor(database).Select(v => (v.Key, v.Value))]);

        (await QueryAsync(ConnectionTarget.Create(), environment, "select current_database()")).ShouldBe(database);
    }

    [Fact]
    public async Task Names_the_session_cutover_when_the_target_names_none()
    {
        var database = await fixture.CreateDatabaseAsync();

        (await QueryAsync(
                ConnectionTarget.Create(fixture.Server.ConnectionString(database)), Environment(),
                "select current_setting('application_name')"))
            .ShouldBe(DataSourceFactory.DefaultApplicationName);
    }

    [Fact]
    public async Task Keeps_the_application_name_the_target_gives()
    {
        var database = await fixture.CreateDatabaseAsync();

        (await QueryAsync(
                ConnectionTarget.Create(fixture.Server.ConnectionString(database)), Environment(("PGAPPNAME", "deploy-42")),
                "select current_setting('application_name')"))
            .ShouldBe("deploy-42");
    }

    [Fact]
    public async Task Error_details_are_redacted_unless_the_target_asks_for_them()
    {
        var database = await fixture.CreateDatabaseAsync();
        var resolved = await new ConnectionResolver().ResolveAsync(
            ConnectionTarget.Create(fixture.Server.ConnectionString(database)), Environment(),
            TestContext.Current.CancellationToken);
        await using var dataSource = new DataSourceFactory().Create(resolved);
        await using var command = dataSource.CreateCommand(
            "create table t (email text primary key); insert into t values ('ana@example.com'), ('ana@example.com')");

        var error = await Should.ThrowAsync<PostgresException>(
            () => command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));

        error.SqlState.ShouldBe(PostgresErrorCodes.UniqueViolation);
        error.Detail!.ShouldNotContain("ana@example.com");
    }

    [Fact]
    public async Task Configure_can_adjust_the_data_source_builder()
    {
        var database = await fixture.CreateDatabaseAsync();
        var resolved = await new ConnectionResolver().ResolveAsync(
            ConnectionTarget.Create(fixture.Server.ConnectionString(database)), Environment(),
            TestContext.Current.CancellationToken);

        await using var dataSource = new DataSourceFactory().Create(
            resolved, builder => builder.ConnectionStringBuilder.CommandTimeout = 77);

        new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).CommandTimeout.ShouldBe(77);
    }

    [Theory]
    [InlineData("Host=/run/postgresql;Username=deploy", SslMode.Disable)]
    [InlineData("Host=/run/postgresql,@abstract;Username=deploy", SslMode.Disable)]
    [InlineData("Host=/run/postgresql;Username=deploy;SSL Mode=Require", SslMode.Require)]
    [InlineData("Host=db.internal;Username=deploy", SslMode.Prefer)]
    [InlineData("Host=/run/postgresql,db.internal;Username=deploy", SslMode.Prefer)]
    public async Task TLS_is_not_asked_for_over_a_Unix_socket_unless_required(string connection, SslMode expected)
    {
        var resolved = await new ConnectionResolver().ResolveAsync(
            ConnectionTarget.Create(connection), Environment(), TestContext.Current.CancellationToken);

        await using var dataSource = new DataSourceFactory().Create(resolved);

        new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).SslMode.ShouldBe(expected);
    }

    [Fact]
    public async Task Connects_over_the_socket_without_TLS()
    {
        var database = await fixture.CreateDatabaseAsync();

        (await QueryAsync(ConnectionTarget.Create(fixture.Server.ConnectionString(database)), Environment(),
            "select ssl::text from pg_stat_ssl where pid = pg_backend_pid()")).ShouldBe("false");
    }

    [Fact]
    public async Task Logs_the_data_source_at_debug_by_event_id()
    {
        var logger = new RecordingLogger<DataSourceFactory>();
        var resolved = await new ConnectionResolver().ResolveAsync(
            ConnectionTarget.Create("postgresql://deploy@db:5433/app"), Environment(),
            TestContext.Current.CancellationToken);

        await using var dataSource = new DataSourceFactory(logger).Create(resolved);

        var entry = logger.Entries.ShouldHaveSingleItem();
        entry.EventId.Id.ShouldBe(CutoverEventIds.DataSourceCreated);
        entry.Message.ShouldBe("Created data source for db:5433/app as deploy with application name cutover");
    }

    private static async Task<string?> QueryAsync(
        ConnectionTarget target, IReadOnlyDictionary<string, string> environment, string sql)
    {
        var ct = TestContext.Current.CancellationToken;
        var resolved = await new ConnectionResolver().ResolveAsync(target, environment, ct);
        await using var dataSource = new DataSourceFactory().Create(resolved);
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToString(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private Dictionary<string, string> Environment(params (string Name, string Value)[] variables)
    {
        var environment = new Dictionary<string, string> { ["HOME"] = _folder.Path, ["PGSYSCONFDIR"] = _folder.Path };
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        return environment;
    }
}
