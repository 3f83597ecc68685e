using Cutover.Connections;
using Shouldly;

namespace Cutover.Tests.Connections;

/// <summary>A sentinel password given every way a password can be given never shows in a description, a log line
/// or an error message.</summary>
public sealed class PasswordSecrecyTests(ServerFixture fixture) : IDisposable
{
    private const string Sentinel = "S3ntinel-Pa55";
    private readonly TempFolder _folder = new();
    private readonly RecordingLogger<ConnectionResolver> _logger = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> TargetsWithThePassword() =>
    [
        $"postgresql://deploy:{Sentinel}@db:5433/app",
        $"postgresql://deploy@db/app?password={Sentinel}",
        $"host=db user=deploy password='{Sentinel}'",
        $"Host=db;Username=deploy;Password={Sentinel}",
    ];

    public static TheoryData<string> MalformedTargetsWithThePassword() =>
    [
        $"postgresql://deploy:{Sentinel}@db:54x2/app",
        "postgresql://deploy:S3ntinel/Pa55@db/app",
        $"postgresql://deploy@db/app?password=S3ntinel&Pa55",
        $"postgresql://deploy@db/app?password=S3ntinel&Pa55=1",
        $"postgresql://deploy:{Sentinel}@db/app?bogus=1",
        $"postgresql://deploy:{Sentinel}@db/app?sslcrl=x",
        $"host=db password=S3ntinel Pa55",
        $"host=db password=S3ntinel Pa55=1",
        $"Host=db;Password={Sentinel};Port=abc",
        $"Host=db;Password=S3ntinel;Pa55=1",
        $"Host=db;Password={Sentinel};Colour=blue",
    ];

    [Theory]
    [MemberData(nameof(TargetsWithThePassword))]
    public async Task Descriptions_and_logs_never_show_the_password(string connection)
    {
        var target = ConnectionTarget.Create(connection, "prod");
        _folder.Write("pg_service.conf", "[prod]\n");

        var resolved = await ResolveAsync(target);

        resolved.CreateConnectionStringBuilder().Password.ShouldBe(Sentinel);
        resolved.Describe().ShouldNotContain(Sentinel);
        resolved.ToString().ShouldNotContain(Sentinel);
        target.ToString().ShouldNotContain(Sentinel);
        _logger.Entries.ShouldNotBeEmpty();
        _logger.Entries.ShouldAllBe(e => !e.Message.Contains(Sentinel));
    }

    [Theory]
    [MemberData(nameof(MalformedTargetsWithThePassword))]
    public async Task Errors_about_a_target_never_show_its_password(string connection)
    {
        var error = await Should.ThrowAsync<ConnectionConfigurationException>(
            () => ResolveAsync(ConnectionTarget.Create(connection)));

        error.Message.ShouldNotContain("S3ntinel");
        error.Message.ShouldNotContain("Pa55");
        (error.InnerException?.Message ?? "").ShouldNotContain("S3ntinel");
    }

    [Fact]
    public async Task Errors_about_a_service_never_show_its_password()
    {
        _folder.Write("pg_service.conf", $"[prod]\npassword={Sentinel}\nport=x\n");

        var error = await Should.ThrowAsync<ConnectionConfigurationException>(
            () => ResolveAsync(ConnectionTarget.Create(serviceName: "prod")));

        error.Message.ShouldBe($"{_folder.Path}/pg_service.conf:3: invalid port \"x\"");
    }

    [Fact]
    public async Task A_password_from_the_environment_shows_nowhere()
    {
        var resolved = await ResolveAsync(ConnectionTarget.Create(), ("PGPASSWORD", Sentinel));

        resolved.CreateConnectionStringBuilder().Password.ShouldBe(Sentinel);
        resolved.Describe().ShouldNotContain(Sentinel);
        _logger.Entries.ShouldAllBe(e => !e.Message.Contains(Sentinel));
    }

    [Fact]
    public async Task A_password_from_the_password_file_shows_nowhere()
    {
        _folder.Write(".pgpass", $"*:*:*:*:{Sentinel}\n");

        var resolved = await ResolveAsync(ConnectionTarget.Create("Host=db"));

        resolved.CreateConnectionStringBuilder().Password.ShouldBe(Sentinel);
        resolved.Describe().ShouldNotContain(Sentinel);
        _logger.Entries.ShouldContain(e => e.EventId.Id == CutoverEventIds.PasswordFromFile);
        _logger.Entries.ShouldAllBe(e => !e.Message.Contains(Sentinel));
    }

    [Fact]
    public async Task A_failed_connection_does_not_show_the_password()
    {
        var ct = TestContext.Current.CancellationToken;
        var uri = $"postgresql://nobody:{Sentinel}@{Uri.EscapeDataString(fixture.Server.SocketDirectory)}:"
            + $"{fixture.Server.Port}/no_such_database";
        var resolved = await ResolveAsync(ConnectionTarget.Create(uri));
        var logger = new RecordingLogger<DataSourceFactory>();
        await using var dataSource = new DataSourceFactory(logger).Create(resolved);

        var error = await Should.ThrowAsync<Exception>(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
        });

        error.ToString().ShouldNotContain(Sentinel);
        logger.Entries.ShouldAllBe(e => !e.Message.Contains(Sentinel));
    }

    private Task<ResolvedConnection> ResolveAsync(ConnectionTarget target, params (string Name, string Value)[] variables)
    {
        var environment = new Dictionary<string, string> { ["HOME"] = _folder.Path, ["PGSYSCONFDIR"] = _folder.Path };
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        return new ConnectionResolver(_logger, "osuser", Path.Combine(_folder.Path, "no-socket-here"))
            .ResolveAsync(target, environment, TestContext.Current.CancellationToken);
    }
}
