using System.CommandLine;

namespace Cutover.Cli;

/// <summary>Options shared by several commands, declared once.</summary>
internal static class CommonOptions
{
    public static Option<string?> Connection() => new("--connection", "-c")
    {
        Description = "Npgsql connection string or postgres:// URI (PG* variables and ~/.pgpass fill the gaps)",
    };

    public static Option<string?> Service() => new("--service", "--pg_service")
    {
        Description = "a service name from pg_service.conf (libpq's connection service file)",
    };

    public static Option<string> Directory() => new("--dir", "-d")
    {
        Description = "the migrations folder",
        DefaultValueFactory = _ => "migrations",
    };

    public static Option<string?> Schema() => new("--schema")
    {
        Description = "the schema.sql that installs a fresh database (default: schema.sql beside the migrations folder)",
    };

    public static Option<string> Table() => new("--table")
    {
        Description = "the journal table, schema.name",
        DefaultValueFactory = _ => "public.cutover_migrations",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "print the result as JSON",
    };

    public static Option<bool> Verbose() => new("--verbose", "-v")
    {
        Description = "log each script and server notices to stderr",
    };

    public static Option<TimeSpan> LockTimeout() => new("--lock-timeout")
    {
        Description = "how long one DDL statement may wait for a lock before it is retried (e.g. 2s, 500ms)",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(2),
        CustomParser = result => Durations.Parse(result),
    };

    public static Option<int> LockRetries() => new("--lock-retries")
    {
        Description = "how many times a script that hit the lock timeout is retried",
        DefaultValueFactory = _ => 5,
    };

    public static Option<TimeSpan> LockWait() => new("--lock-wait")
    {
        Description = "how long to wait for another run's deploy lock (e.g. 10m)",
        DefaultValueFactory = _ => TimeSpan.FromMinutes(10),
        CustomParser = result => Durations.Parse(result),
    };

    public static Option<TimeSpan> StatementTimeout() => new("--statement-timeout")
    {
        Description = "how long one statement of a script may run before the server cancels it (57014); 0 for no limit",
        DefaultValueFactory = _ => TimeSpan.FromHours(1),
        CustomParser = result => Durations.Parse(result),
    };
}
