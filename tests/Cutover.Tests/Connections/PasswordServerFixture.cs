using Cutover.Testing;
using Npgsql;

namespace Cutover.Tests.Connections;

/// <summary>A throwaway server of its own whose <c>pg_hba.conf</c> demands a SCRAM password from one role, so that
/// tests can tell whether a password was sent (the shared server trusts everyone).</summary>
public sealed class PasswordServerFixture : IAsyncLifetime
{
    public const string Role = "cutover_password_user";
    public const string Password = "S3ntinel-Pa55";

    private readonly TempFolder _folder = new();
    private ThrowawayServer? _server;

    public ThrowawayServer Server => _server ?? throw new InvalidOperationException("server not started");

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;

        // The server runs as another account when tests run as root, so the file must be readable by all.
        var hbaFile = _folder.Write("pg_hba.conf", $"""
            local all {Role} scram-sha-256
            host all {Role} 127.0.0.1/32 scram-sha-256
            local all all trust
            host all all 127.0.0.1/32 trust
            """, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        _server = await ThrowawayServer.StartAsync(
            new ThrowawayServerOptions { Settings = new Dictionary<string, string> { ["hba_file"] = $"'{hbaFile}'" } },
            ct);
        await using var dataSource = _server.CreateDataSource();
        await using var command = dataSource.CreateCommand($"create role {Role} login password '{Password}'");
        await command.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        _folder.Dispose();
    }
}
