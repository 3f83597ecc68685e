using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Cutover.Connections;
using Npgsql;

namespace Cutover.Testing;

/// <summary>A PostgreSQL server of its own in a temporary folder, for tests, demos and scratch work: trust
/// authentication, a Unix socket and a free loopback port, durability off. Disposing it stops the server and deletes
/// the folder.</summary>
/// <remarks>Start to ready takes about half a second (mostly <c>initdb</c>). When the current process is root the
/// server runs as <see cref="ThrowawayServerOptions.ServiceAccount"/>, because PostgreSQL refuses root. Thread-safe:
/// databases can be created from parallel tests.</remarks>
public sealed class ThrowawayServer : IAsyncDisposable
{
    private readonly string _root;
    private readonly string _dataDirectory;
    private readonly string? _runAs;
    private readonly DatabaseServer _server;
    private readonly NpgsqlDataSource _admin;
    private int _databaseCounter;
    private int _disposed;

    private ThrowawayServer(string binDirectory, string root, string? runAs, int port, int majorVersion)
    {
        BinDirectory = binDirectory;
        _root = root;
        _dataDirectory = Path.Combine(root, "data");
        _runAs = runAs;
        Port = port;
        MajorVersion = majorVersion;
        _server = new DatabaseServer(new NpgsqlConnectionStringBuilder(ConnectionString("postgres")));
        _admin = _server.CreateDataSource("postgres");
    }

    /// <summary>The folder holding the server programs this server runs.</summary>
    public string BinDirectory { get; }

    /// <summary>The folder holding the server's Unix socket; use it as the <c>Host</c>.</summary>
    public string SocketDirectory => _root;

    /// <summary>The loopback TCP port the server listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>The server's major version, e.g. 15.</summary>
    public int MajorVersion { get; }

    /// <summary>The superuser every connection uses.</summary>
    public string Username { get; } = "postgres";

    /// <summary>Initialises and starts a new server.</summary>
    /// <exception cref="ThrowawayServerException">The programs are missing or the server would not start.</exception>
    public static async Task<ThrowawayServer> StartAsync(
        ThrowawayServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ThrowawayServerOptions();
        var bin = ServerBinaries.Locate(options.BinDirectory);
        var runAs = ExternalProgram.IsRoot ? options.ServiceAccount : null;
        var parent = options.ParentDirectory ?? Path.GetTempPath();
        var root = Path.Combine(parent, "cutover-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        try
        {
            if (runAs is not null)
            {
                await ExternalProgram.RunAsync("chown", [runAs, root], null, cancellationToken).ConfigureAwait(false);
            }

            var data = Path.Combine(root, "data");
            await ExternalProgram.RunAsync(
                Path.Combine(bin, "initdb"),
                ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "-N", "--no-instructions"],
                runAs,
                cancellationToken).ConfigureAwait(false);

            var version = await File.ReadAllTextAsync(Path.Combine(data, "PG_VERSION"), cancellationToken)
                .ConfigureAwait(false);
            var major = int.Parse(version.Trim(), CultureInfo.InvariantCulture);

            // A free port can be taken between probing and binding; a few tries make that race harmless.
            for (var attempt = 1; ; attempt++)
            {
                var port = FindFreePort();
                await WriteSettingsAsync(data, root, port, options.Settings, cancellationToken).ConfigureAwait(false);
                try
                {
                    await ExternalProgram.RunAsync(
                        Path.Combine(bin, "pg_ctl"),
                        ["-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "start"],
                        runAs,
                        cancellationToken).ConfigureAwait(false);
                    return new ThrowawayServer(bin, root, runAs, port, major);
                }
                catch (ThrowawayServerException) when (attempt < 3)
                {
                }
            }
        }
        catch
        {
            TryDeleteFolder(root);
            throw;
        }
    }

    /// <summary>A connection string for <paramref name="database"/> over the Unix socket (the fastest way in).</summary>
    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = SocketDirectory,
        Port = Port,
        Username = Username,
        Database = database,
    }.ConnectionString;

    /// <summary>A connection string for <paramref name="database"/> over TCP on 127.0.0.1, for programs that cannot
    /// use a Unix socket.</summary>
    public string TcpConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Username,
        Database = database,
    }.ConnectionString;

    /// <summary>libpq environment variables (<c>PGHOST</c>, <c>PGPORT</c>, <c>PGUSER</c>, <c>PGDATABASE</c>) that
    /// point a child process at <paramref name="database"/>.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentFor(string database) => new Dictionary<string, string>
    {
        ["PGHOST"] = SocketDirectory,
        ["PGPORT"] = Port.ToString(CultureInfo.InvariantCulture),
        ["PGUSER"] = Username,
        ["PGDATABASE"] = database,
    };

    /// <summary>Creates a data source for <paramref name="database"/>; the caller disposes it.</summary>
    public NpgsqlDataSource CreateDataSource(string database = "postgres") => _server.CreateDataSource(database);

    /// <summary>This server as Cutover's library reaches other servers, for what makes databases on it:
    /// <c>new SchemaCheck(server.DatabaseServer).CompareInstallWithUpgradeAsync(scripts)</c>.</summary>
    public DatabaseServer DatabaseServer => _server;

    /// <summary>Creates an empty database (or a copy of <paramref name="template"/>) and returns its name.</summary>
    /// <param name="name">The name; a fresh unique name when null.</param>
    /// <param name="template">A database to copy; PostgreSQL's <c>template1</c> when null.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    public async Task<string> CreateDatabaseAsync(
        string? name = null, string? template = null, CancellationToken cancellationToken = default)
    {
        name ??= "db_" + Interlocked.Increment(ref _databaseCounter).ToString(CultureInfo.InvariantCulture) + "_" +
            Guid.NewGuid().ToString("N")[..8];
        var sql = "CREATE DATABASE " + QuoteIdentifier(name) +
            (template is null ? "" : " TEMPLATE " + QuoteIdentifier(template));
        await ExecuteAsync(sql, cancellationToken).ConfigureAwait(false);
        return name;
    }

    /// <summary>Drops <paramref name="database"/>, ending its connections first.</summary>
    public async Task DropDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        await ExecuteAsync("DROP DATABASE IF EXISTS " + QuoteIdentifier(database) + " WITH (FORCE)", cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Stops the server at once (no checkpoint: nothing here is meant to last) and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _admin.DisposeAsync().ConfigureAwait(false);
        NpgsqlConnection.ClearAllPools();
        try
        {
            await ExternalProgram.RunAsync(
                Path.Combine(BinDirectory, "pg_ctl"), ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"], _runAs,
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (ThrowawayServerException)
        {
            // Already stopped (killed from outside): deleting the folder is all that is left to do.
        }

        TryDeleteFolder(_root);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        var command = _admin.CreateCommand(sql);
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // The library's quoting is not part of its public API; database names are all this kit quotes.
    private static string QuoteIdentifier(string name) =>
        "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task WriteSettingsAsync(
        string data, string socketDirectory, int port, IReadOnlyDictionary<string, string> extra,
        CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["listen_addresses"] = "'127.0.0.1'",
            ["port"] = port.ToString(CultureInfo.InvariantCulture),
            ["unix_socket_directories"] = "'" + socketDirectory + "'",
            ["fsync"] = "off",
            ["synchronous_commit"] = "off",
            ["full_page_writes"] = "off",
            ["max_connections"] = "300",
            ["shared_buffers"] = "'128MB'",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        // postgresql.auto.conf is read last, so these win over initdb's defaults; rewriting it on a retry is safe.
        var lines = settings.Select(s => $"{s.Key} = {s.Value}");
        var path = Path.Combine(data, "postgresql.auto.conf");
        await File.WriteAllLinesAsync(path, lines, cancellationToken).ConfigureAwait(false);
    }

    internal static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static void TryDeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
