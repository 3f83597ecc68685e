using Cutover.Testing;

[assembly: AssemblyFixture(typeof(Cutover.Tests.ServerFixture))]

namespace Cutover.Tests;

/// <summary>One throwaway PostgreSQL server for the whole test assembly; each test takes a fresh database.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private ThrowawayServer? _server;

    public ThrowawayServer Server => _server ?? throw new InvalidOperationException("server not started");

    public async ValueTask InitializeAsync() => _server = await ThrowawayServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>A fresh empty database for one test.</summary>
    public Task<string> CreateDatabaseAsync() =>
        Server.CreateDatabaseAsync(cancellationToken: TestContext.Current.CancellationToken);
}
