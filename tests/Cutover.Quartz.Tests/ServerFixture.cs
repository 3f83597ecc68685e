using Cutover.Testing;

[assembly: AssemblyFixture(typeof(Cutover.Quartz.Tests.ServerFixture))]

namespace Cutover.Quartz.Tests;

/// <summary>One throwaway PostgreSQL server for the Quartz adapter's tests; each test takes a fresh database.</summary>
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

    public Task<string> CreateDatabaseAsync() =>
        Server.CreateDatabaseAsync(cancellationToken: TestContext.Current.CancellationToken);
}
