using Cutover.Hangfire;
using Cutover.PostDeploy;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;

namespace HangfireNode;

/// <summary>How every Hangfire node of the tests is set up, in the child process and in the test process alike.</summary>
/// <remarks>The timings are short so that a takeover happens within seconds (docs/post-deploy.md, "Hangfire"):
/// a dead node's Cutover claim lapses after <see cref="Lease"/> without heartbeats, and its Hangfire job becomes
/// visible to other servers after <see cref="InvisibilityTimeout"/> without keep-alives. The invisibility timeout is
/// the longer one, so the re-fetched job finds the claim already lapsed and takes the backfill over at once.</remarks>
public static class NodeSettings
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan InvisibilityTimeout = TimeSpan.FromSeconds(4);

    public static PostDeployCatalog Catalog { get; } =
        PostDeployCatalog.FromTypes(typeof(CountedActions), typeof(BackfillActions));

    public static PostDeployOptions PostDeployOptions(string hostName, TimeSpan? lease = null) => new()
    {
        HostName = hostName,
        Lease = lease ?? Lease,
        PollInterval = TimeSpan.FromMilliseconds(250),
    };

    public static NpgsqlDataSource DataSource(string connectionString, string applicationName) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = applicationName,
        }.ConnectionString);

    /// <summary>Hangfire's storage in the test database (schema <c>hangfire</c>, created when missing).</summary>
    public static PostgreSqlStorage Storage(string connectionString)
    {
        var options = new PostgreSqlStorageOptions
        {
            // Live servers renew their fetched jobs (every fifth of the timeout); a killed one stops, and its job is
            // fetched again that long after its last renewal.
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = InvisibilityTimeout,
            // The default is 15 s: a test would mostly wait for the next poll.
            QueuePollInterval = TimeSpan.FromMilliseconds(200),
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    /// <summary>A server whose <see cref="PostDeployJob"/>s run through <paramref name="executor"/>.</summary>
    public static BackgroundJobServer StartServer(string name, JobStorage storage, PostDeployExecutor executor) =>
        StartServer(name, storage, new PostDeployJobActivator(executor));

    public static BackgroundJobServer StartServer(string name, JobStorage storage, JobActivator activator) =>
        new(new BackgroundJobServerOptions
        {
            ServerName = name,
            WorkerCount = 2,
            Activator = activator,
        }, storage);
}
