using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Cutover.Testing;

/// <summary>A real PgBouncer of its own in front of a <see cref="ThrowawayServer"/>, in a temporary folder: trust
/// authentication, 127.0.0.1 on a free port plus a Unix socket, every database of the server reachable under its own
/// name. For tests of what a connection pooler does to migrations. Disposing it stops PgBouncer and deletes the
/// folder; the server stays.</summary>
/// <remarks>PgBouncer runs as a child process (no daemon), as <see cref="ThrowawayPgBouncerOptions.ServiceAccount"/>
/// when the current process is root, because PgBouncer refuses root. <see cref="StartAsync"/> returns once a query
/// through it has succeeded. Its admin console (database <c>pgbouncer</c>, admin user <c>postgres</c>) is open:
/// <see cref="ShowAsync"/> reads it. Thread-safe.</remarks>
/// <example>
/// <code>
/// await using var bouncer = await ThrowawayPgBouncer.StartAsync(server);
/// await using var dataSource = bouncer.CreateDataSource(database); // through the transaction pooler
/// </code>
/// </example>
public sealed class ThrowawayPgBouncer : IAsyncDisposable
{
    private const string ListenAddress = "127.0.0.1";
    private const string AdminDatabase = "pgbouncer";
    private const string DefaultProgram = "/usr/sbin/pgbouncer";

    private readonly Process _process;
    private readonly CapturedOutput _output;
    private readonly string _root;
    private readonly string _psql;
    private int _disposed;

    private ThrowawayPgBouncer(
        Process process, CapturedOutput output, string root, string psql, int port, PgBouncerPoolMode poolMode,
        string username)
    {
        _process = process;
        _output = output;
        _root = root;
        _psql = psql;
        Port = port;
        PoolMode = poolMode;
        Username = username;
    }

    /// <summary>The address PgBouncer listens on: always 127.0.0.1.</summary>
    public string Host { get; } = ListenAddress;

    /// <summary>The loopback TCP port PgBouncer listens on.</summary>
    public int Port { get; }

    /// <summary>The folder holding PgBouncer's Unix socket (and its configuration and log).</summary>
    public string SocketDirectory => _root;

    /// <summary>When PgBouncer returns a server connection to its pool.</summary>
    public PgBouncerPoolMode PoolMode { get; }

    /// <summary>The user every connection logs in as: the server's superuser, also PgBouncer's admin user.</summary>
    public string Username { get; }

    /// <summary>Starts PgBouncer in front of <paramref name="server"/> and waits until a query through it succeeds.
    /// </summary>
    /// <exception cref="ThrowawayServerException">PgBouncer is missing, exited, or did not accept a connection within
    /// <see cref="ThrowawayPgBouncerOptions.StartTimeout"/>.</exception>
    public static async Task<ThrowawayPgBouncer> StartAsync(
        ThrowawayServer server, ThrowawayPgBouncerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        options ??= new ThrowawayPgBouncerOptions();
        var program = LocateProgram(options.Program);
        var runAs = ExternalProgram.IsRoot ? options.ServiceAccount : null;
        var psql = Path.Combine(server.BinDirectory, "psql");
        var root = Path.Combine(options.ParentDirectory ?? Path.GetTempPath(),
            "cutover-pgbouncer-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        try
        {
            // PgBouncer's trust method still looks the user up in auth_file; the password is never asked for.
            await File.WriteAllTextAsync(Path.Combine(root, "userlist.txt"),
                "\"" + server.Username + "\" \"\"\n", cancellationToken).ConfigureAwait(false);
            if (runAs is not null)
            {
                await ExternalProgram.RunAsync("chown", ["-R", runAs, root], null, cancellationToken)
                    .ConfigureAwait(false);
            }

            // A free port can be taken between probing and binding; PgBouncer then exits, and a new port is tried.
            for (var attempt = 1; ; attempt++)
            {
                var port = ThrowawayServer.FindFreePort();
                var configuration = Path.Combine(root, "pgbouncer.ini");
                await File.WriteAllTextAsync(configuration, Configuration(server, options, root, port), cancellationToken)
                    .ConfigureAwait(false);
                var (process, output) = Launch(program, configuration, runAs);
                var bouncer = new ThrowawayPgBouncer(process, output, root, psql, port, options.PoolMode, server.Username);
                try
                {
                    await bouncer.WaitUntilReadyAsync(options.StartTimeout, cancellationToken).ConfigureAwait(false);
                    return bouncer;
                }
                catch (ThrowawayServerException) when (attempt < 3 && process.HasExited)
                {
                    process.Dispose();
                }
                catch
                {
                    await bouncer.StopAsync().ConfigureAwait(false);
                    throw;
                }
            }
        }
        catch
        {
            ThrowawayServer.TryDeleteFolder(root);
            throw;
        }
    }

    /// <summary>An Npgsql connection string for <paramref name="database"/> through PgBouncer, over TCP.</summary>
    /// <remarks>Behind a transaction or statement pooler it turns off what Npgsql would otherwise do with session
    /// state, as Npgsql's compatibility notes ask: <c>No Reset On Close</c> (no <c>DISCARD ALL</c> when a
    /// connection returns to Npgsql's own pool: PgBouncer's server session is not the client's to reset) and
    /// <c>Max Auto Prepare=0</c> (no server-side prepared statements, which stay behind on the server session that
    /// prepared them). Behind a session pooler the string is a plain one.</remarks>
    public string ConnectionString(string database = "postgres")
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Username = Username,
            Database = database,
        };
        if (PoolMode != PgBouncerPoolMode.Session)
        {
            builder.NoResetOnClose = true;
            builder.MaxAutoPrepare = 0;
        }

        return builder.ConnectionString;
    }

    /// <summary>libpq environment variables (<c>PGHOST</c>, <c>PGPORT</c>, <c>PGUSER</c>, <c>PGDATABASE</c>) that
    /// point a child process at <paramref name="database"/> through PgBouncer.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentFor(string database) => new Dictionary<string, string>
    {
        ["PGHOST"] = Host,
        ["PGPORT"] = Port.ToString(CultureInfo.InvariantCulture),
        ["PGUSER"] = Username,
        ["PGDATABASE"] = database,
    };

    /// <summary>Creates a data source for <paramref name="database"/> through PgBouncer; the caller disposes it.</summary>
    public NpgsqlDataSource CreateDataSource(string database = "postgres") =>
        NpgsqlDataSource.Create(ConnectionString(database));

    /// <summary>Runs <c>SHOW <paramref name="listing"/></c> on PgBouncer's admin console (<c>POOLS</c>,
    /// <c>CLIENTS</c>, <c>SERVERS</c>, <c>DATABASES</c>, <c>STATS</c>, ...) and returns its rows, each a map from
    /// column name to text.</summary>
    /// <remarks>The admin console speaks only the simple query protocol, which Npgsql does not use, so this runs the
    /// server's <c>psql</c>.</remarks>
    /// <exception cref="ArgumentException"><paramref name="listing"/> is not a single word.</exception>
    /// <exception cref="ThrowawayServerException">psql failed, e.g. on an unknown listing.</exception>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> ShowAsync(
        string listing, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(listing);
        if (!listing.All(c => char.IsAsciiLetter(c) || c == '_'))
        {
            throw new ArgumentException($"'{listing}' is not a SHOW listing such as POOLS or CLIENTS", nameof(listing));
        }

        var output = await ExternalProgram.RunAsync(_psql,
        [
            "-X", "-q", "-A", "-F", "\t", "-P", "footer=off", "-h", Host,
            "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", Username, "-d", AdminDatabase,
            "-c", "SHOW " + listing.ToUpperInvariant(),
        ], null, cancellationToken).ConfigureAwait(false);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0)
        {
            return [];
        }

        var columns = lines[0].Split('\t');
        return lines.Skip(1)
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length == columns.Length)
            .Select(fields => (IReadOnlyDictionary<string, string>)columns
                .Zip(fields)
                .ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal))
            .ToList();
    }

    /// <summary>Stops PgBouncer at once (its clients lose their connections; the server stays) and deletes its
    /// folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopAsync().ConfigureAwait(false);
        ThrowawayServer.TryDeleteFolder(_root);
    }

    private static string LocateProgram(string? program)
    {
        if (program is not null)
        {
            return File.Exists(program)
                ? program
                : throw new ThrowawayServerException($"{program}: no such program");
        }

        if (File.Exists(DefaultProgram))
        {
            return DefaultProgram;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "pgbouncer"))
            .FirstOrDefault(File.Exists)
            ?? throw new ThrowawayServerException(
                "no pgbouncer program at /usr/sbin/pgbouncer or on PATH; install it (Debian: apt-get install -y pgbouncer)");
    }

    private static string Configuration(ThrowawayServer server, ThrowawayPgBouncerOptions options, string root, int port)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["listen_addr"] = ListenAddress,
            ["listen_port"] = port.ToString(CultureInfo.InvariantCulture),
            ["unix_socket_dir"] = root,
            ["auth_type"] = "trust",
            ["auth_file"] = Path.Combine(root, "userlist.txt"),
            ["admin_users"] = server.Username,
            ["stats_users"] = server.Username,
            ["pool_mode"] = options.PoolMode.ToString().ToLowerInvariant(),
            ["max_client_conn"] = options.MaxClientConnections.ToString(CultureInfo.InvariantCulture),
            ["default_pool_size"] = options.DefaultPoolSize.ToString(CultureInfo.InvariantCulture),
            ["pidfile"] = Path.Combine(root, "pgbouncer.pid"),
            ["log_connections"] = "0",
            ["log_disconnections"] = "0",
        };
        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        // The wildcard entry forwards any database name to the server's Unix socket, so every database a test creates
        // is reachable without editing this file.
        return "[databases]\n" +
            $"* = host={server.SocketDirectory} port={server.Port.ToString(CultureInfo.InvariantCulture)}\n\n" +
            "[pgbouncer]\n" +
            string.Concat(settings.Select(s => $"{s.Key} = {s.Value}\n"));
    }

    private static (Process Process, CapturedOutput Output) Launch(string program, string configuration, string? runAs)
    {
        // No -d: as a child process PgBouncer dies with its process tree, and its log arrives on stderr.
        var start = ExternalProgram.StartInfo(program, [configuration], runAs);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        Process process;
        try
        {
            process = Process.Start(start)
                ?? throw new ThrowawayServerException($"{program}: no process was started");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ThrowawayServerException($"{program}: could not be started ({e.Message})");
        }

        var output = new CapturedOutput();
        output.Attach(process);
        return (process, output);
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var probe = new NpgsqlConnectionStringBuilder(ConnectionString())
        {
            Pooling = false,
            Timeout = 5,
        }.ConnectionString;
        var started = Stopwatch.GetTimestamp();
        var exited = _process.WaitForExitAsync(cancellationToken);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new ThrowawayServerException(
                    $"pgbouncer exited with {_process.ExitCode}: {_output.Text().Trim()}");
            }

            try
            {
                var connection = new NpgsqlConnection(probe);
                await using (connection.ConfigureAwait(false))
                {
                    await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                    var command = new NpgsqlCommand("SELECT 1", connection);
                    await using (command.ConfigureAwait(false))
                    {
                        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                    }
                }

                return;
            }
            catch (NpgsqlException) when (Stopwatch.GetElapsedTime(started) < timeout)
            {
            }
            catch (NpgsqlException e)
            {
                throw new ThrowawayServerException(
                    $"pgbouncer accepted no connection within {timeout.TotalSeconds:0} s ({e.Message}): " +
                    _output.Text().Trim());
            }

            // Not listening yet: look again shortly, or at once if PgBouncer exits in the meantime.
            await Task.WhenAny(exited, Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            // The whole tree: as root the child is runuser, and PgBouncer is its child. Nothing in a throwaway pooler
            // needs a graceful shutdown; the server ends the sessions whose sockets close.
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        _process.Dispose();
    }
}
