using Cutover.Scripts;
using Cutover.Snapshots;
using Cutover.Testing;

namespace Cutover.Tests.Snapshots;

/// <summary>The xunit side of <see cref="TestDatabases"/>: a class fixture that gives its test class one fresh clone
/// (<see cref="Database"/>) and a way to take more, one per test (<see cref="CreateAsync"/>). The snapshot is built
/// on first use and reused by later runs on the same server; clones are dropped when the class is done.</summary>
public abstract class SnapshotDatabaseFixture(ServerFixture server) : IAsyncLifetime
{
    private TestDatabases? _databases;
    private TestDatabase? _database;

    /// <summary>The test class's own database.</summary>
    public TestDatabase Database => _database ?? throw new InvalidOperationException("fixture not initialised");

    protected abstract Task<MigrationSet> LoadScriptsAsync();

    protected virtual SnapshotRequest Request => new();

    /// <summary>A further fresh database, for a test that wants its own; dropped with the fixture at the latest.</summary>
    public Task<TestDatabase> CreateAsync() =>
        (_databases ?? throw new InvalidOperationException("fixture not initialised"))
        .CreateAsync(TestContext.Current.CancellationToken);

    public async ValueTask InitializeAsync()
    {
        _databases = new TestDatabases(server.Server, await LoadScriptsAsync(), Request);
        _database = await _databases.CreateAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_databases is not null)
        {
            await _databases.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
