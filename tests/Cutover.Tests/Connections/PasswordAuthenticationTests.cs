using Cutover.Connections;
using Npgsql;
using Shouldly;

namespace Cutover.Tests.Connections;

/// <summary>Passwords reach a server that demands one: from the password file, and never from one libpq would
/// refuse.</summary>
public sealed class PasswordAuthenticationTests(PasswordServerFixture fixture) : IClassFixture<PasswordServerFixture>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_password_file_entry_is_sent()
    {
        _folder.Write(".pgpass", $"*:{fixture.Server.Port}:postgres:{PasswordServerFixture.Role}:{PasswordServerFixture.Password}\n");

        (await CurrentUserAsync()).ShouldBe(PasswordServerFixture.Role);
    }

    [Fact]
    public async Task Without_a_password_the_server_refuses_the_role()
    {
        var error = await Should.ThrowAsync<NpgsqlException>(CurrentUserAsync);

        error.Message.ShouldContain("password");
    }

    [Fact]
    public async Task A_password_file_others_can_read_is_not_used()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "libpq checks permissions on Unix only");
        _folder.Write(".pgpass", $"*:*:*:*:{PasswordServerFixture.Password}\n",
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        await Should.ThrowAsync<NpgsqlException>(CurrentUserAsync);
    }

    private async Task<string?> CurrentUserAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var uri = $"postgresql://{PasswordServerFixture.Role}@{Uri.EscapeDataString(fixture.Server.SocketDirectory)}:"
            + $"{fixture.Server.Port}/postgres";
        var environment = new Dictionary<string, string> { ["HOME"] = _folder.Path, ["PGSYSCONFDIR"] = _folder.Path };
        var resolved = await new ConnectionResolver().ResolveAsync(ConnectionTarget.Create(uri), environment, ct);
        await using var dataSource = new DataSourceFactory().Create(resolved);
        await using var command = dataSource.CreateCommand("select current_user");
        return (string?)await command.ExecuteScalarAsync(ct);
    }
}
