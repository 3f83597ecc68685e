using System.Net.Sockets;
using Npgsql;

namespace Cutover.Connections;

/// <summary>The one way Cutover opens a connection: a server that cannot be reached, a database that does not exist
/// or a refused login become a <see cref="DatabaseUnavailableException"/> naming the target (never its password) and
/// the reason in one line.</summary>
/// <remarks>Public so that Cutover's own packages (post-deploy actions, adapters) and hosts that open connections
/// alongside a <see cref="Execution.Migrator"/> report an unreachable database the same way.</remarks>
public static class DatabaseConnection
{
    /// <summary>Opens a connection from <paramref name="dataSource"/>; the caller disposes it.</summary>
    /// <exception cref="DatabaseUnavailableException">The server cannot be reached, refused the login, or has no such
    /// database.</exception>
    public static async Task<NpgsqlConnection> OpenAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        try
        {
            return await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw new DatabaseUnavailableException(Describe(dataSource), e);
        }
    }

    /// <summary>Says where and as whom <paramref name="dataSource"/> connects: <c>db1:5432/app as deploy</c>.</summary>
    /// <remarks><see cref="NpgsqlDataSource.ConnectionString"/> leaves the password out (unless Persist Security Info
    /// is set, and then it is not read here either).</remarks>
    internal static string Describe(NpgsqlDataSource dataSource) =>
        Describe(new NpgsqlConnectionStringBuilder(dataSource.ConnectionString));

    /// <summary>Says where and as whom <paramref name="settings"/> connect, never with the password; the same text as
    /// <see cref="ResolvedConnection.Describe"/>.</summary>
    internal static string Describe(NpgsqlConnectionStringBuilder settings)
    {
        var endpoints = string.Join(',', ServerEndpoint.ParseList(settings.Host ?? "localhost", settings.Port));
        return settings.Username is { } user
            ? endpoints + "/" + (settings.Database ?? user) + " as " + user
            : endpoints + "/" + settings.Database;
    }

    /// <summary>Why a connection could not be opened, in a few words: <c>connection refused</c>,
    /// <c>3D000: database "shop" does not exist</c>, <c>28P01: password authentication failed for user "app"</c>.
    /// One line; server and network messages hold no password.</summary>
    internal static string DescribeFailure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return OneLine(postgres.SqlState + ": " + postgres.MessageText);
                case SocketException socket:
                    return socket.SocketErrorCode switch
                    {
                        SocketError.ConnectionRefused => "connection refused",
                        SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "host not found",
                        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "host unreachable",
                        SocketError.TimedOut => "timed out",
                        _ => OneLine(socket.Message),
                    };
                case TimeoutException:
                    return "timed out";
            }
        }

        // Npgsql wraps what went wrong ("Exception while connecting"); the innermost error says what it was.
        var innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return innermost == exception
            ? OneLine(exception.Message)
            : OneLine(exception.Message.TrimEnd('.') + ": " + innermost.Message);
    }

    // While opening, every error means "cannot connect": the network's (refused, unknown host, timeout, TLS) and the
    // server's (class 08 connection trouble, 28 a refused login, 3D000 no such database, 57P03 starting up, 53300
    // too many clients, 42501 no CONNECT privilege). PostgresException is an NpgsqlException.
    private static bool IsUnavailable(Exception e) => e is NpgsqlException or TimeoutException or SocketException;

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
