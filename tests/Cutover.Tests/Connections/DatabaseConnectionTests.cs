using System.Net;
using System.Net.Sockets;
using Cutover.Connections;
using Cutover.Inspection;
using Npgsql;
using Shouldly;

namespace Cutover.Tests.Connections;

/// <summary>A connection that cannot be opened becomes one line naming the target, as whom, and why; never the
/// password.</summary>
public sealed class DatabaseConnectionTests(ServerFixture fixture, PasswordServerFixture passwords)
    : IClassFixture<PasswordServerFixture>
{
    private const string Sentinel = "S3ntinel-pw-!";

    [Fact]
    public async Task Closed_port_is_connection_refused()
    {
        var port = ClosedPort();

        var error = await OpenFailsAsync($"Host=127.0.0.1;Port={port};Username=app;Password={Sentinel};Database=shop");

        error.Message.ShouldBe($"127.0.0.1:{port}/shop as app: cannot connect: connection refused");
        error.Target.ShouldBe($"127.0.0.1:{port}/shop as app");
    }

    [Fact]
    public async Task Missing_database_names_the_database()
    {
        var error = await OpenFailsAsync(
            $"Host=127.0.0.1;Port={fixture.Server.Port};Username=postgres;Password={Sentinel};Database=no_such_db");

        error.Message.ShouldBe(
            $"127.0.0.1:{fixture.Server.Port}/no_such_db as postgres: cannot connect: 3D000: database \"no_such_db\" does not exist");
    }

    [Fact]
    public async Task Wrong_password_is_a_refused_login_without_the_password()
    {
        var error = await OpenFailsAsync(
            $"Host=127.0.0.1;Port={passwords.Server.Port};Username={PasswordServerFixture.Role};Password={Sentinel};Database=postgres");

        error.Message.ShouldStartWith($"127.0.0.1:{passwords.Server.Port}/postgres as {PasswordServerFixture.Role}: cannot connect: 28P01: password authentication failed");
        error.Message.ShouldNotContain(Sentinel);
        error.Message.ShouldNotContain("\n");
    }

    [Fact]
    public async Task Inspecting_an_unreachable_database_is_unavailable_too()
    {
        await using var dataSource = new DataSourceFactory().Create(
            await ResolveAsync($"Host=127.0.0.1;Port={ClosedPort()};Username=app;Password={Sentinel};Database=shop"));

        var error = await Should.ThrowAsync<DatabaseUnavailableException>(() =>
            new SchemaInspector().InspectAsync(dataSource, TestContext.Current.CancellationToken));

        error.Message.ShouldContain("cannot connect: connection refused");
    }

    [Fact]
    public async Task Scratch_databases_on_another_database_keep_the_password()
    {
        // The password server trusts postgres but demands a password from the role; a scratch database made through
        // DatabaseServer is reached as the role, with the resolved password.
        var ct = TestContext.Current.CancellationToken;
        await using (var admin = passwords.Server.CreateDataSource())
        await using (var grant = admin.CreateCommand($"ALTER ROLE {PasswordServerFixture.Role} CREATEDB"))
        {
            await grant.ExecuteNonQueryAsync(ct);
        }

        var resolved = await ResolveAsync(
            $"Host=127.0.0.1;Port={passwords.Server.Port};Username={PasswordServerFixture.Role};" +
            $"Password={PasswordServerFixture.Password};Database=postgres");
        var scratch = new ScratchDatabases(DatabaseServer.Of(resolved));

        await using var database = await scratch.CreateAsync("password", ct);
        await using var command = database.DataSource.CreateCommand("SELECT current_user || '@' || current_database()");

        (await command.ExecuteScalarAsync(ct)).ShouldBe(PasswordServerFixture.Role + "@" + database.Name);
    }

    private static async Task<DatabaseUnavailableException> OpenFailsAsync(string connection)
    {
        await using var dataSource = new DataSourceFactory().Create(await ResolveAsync(connection));
        return await Should.ThrowAsync<DatabaseUnavailableException>(() =>
            DatabaseConnection.OpenAsync(dataSource, TestContext.Current.CancellationToken));
    }

    private static Task<ResolvedConnection> ResolveAsync(string connection) =>
        new ConnectionResolver().ResolveAsync(
            ConnectionTarget.Create(connection), new Dictionary<string, string>(), TestContext.Current.CancellationToken);

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
