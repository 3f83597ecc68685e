using Cutover.Execution;
using Cutover.Journal;
using Cutover.Scripts;

namespace Cutover.Hosting;

/// <summary>How <c>services.AddCutover(...)</c> builds the application's <see cref="Migrator"/>: bound from the
/// <c>Cutover</c> configuration section (<see cref="SectionName"/>), set in code, or both.</summary>
/// <remarks>Unlike <see cref="MigratorOptions"/>, an init-only record, these are settable: the options pattern binds
/// configuration into an instance and then lets code change it. They are checked once, when the host starts (an
/// invalid value stops it, naming the key), and turned into a <see cref="MigratorOptions"/>. Durations are
/// <see cref="TimeSpan"/> text in configuration, e.g. <c>"00:00:02"</c> for two seconds.</remarks>
public sealed class CutoverOptions
{
    /// <summary>The configuration section these options are usually bound from, <c>Cutover</c>.</summary>
    public const string SectionName = "Cutover";

    // The one place the defaults live is MigratorOptions; these start from it.
    private static readonly MigratorOptions s_defaults = new();

    /// <summary>The folder of migration scripts, as <c>cutover --dir</c>; relative paths are resolved against the
    /// process's current directory. Not needed when the scripts come from
    /// <see cref="CutoverBuilder.UseEmbeddedScripts"/>, <see cref="CutoverBuilder.UseScriptSource"/> or a
    /// <see cref="MigrationSet"/> registered in the container.</summary>
    public string? ScriptsDirectory { get; set; }

    /// <summary>The <c>schema.sql</c> that goes with <see cref="ScriptsDirectory"/>; <c>schema.sql</c> beside the
    /// folder when null, as <c>cutover --schema</c>.</summary>
    public string? SchemaPath { get; set; }

    /// <summary>The journal table, <c>schema.name</c> or <c>name</c> (<see cref="JournalTableName.TryParse"/>);
    /// <c>public.cutover_migrations</c> by default. Its schema must exist unless
    /// <see cref="CreateMissingJournalSchema"/> is set.</summary>
    public string JournalTable { get; set; } = JournalTableName.Default.ToString();

    /// <summary>See <see cref="MigratorOptions.CreateMissingJournalSchema"/>; false by default.</summary>
    public bool CreateMissingJournalSchema { get; set; } = s_defaults.CreateMissingJournalSchema;

    /// <summary>See <see cref="MigratorOptions.LockTimeout"/>; 2 s by default.</summary>
    public TimeSpan LockTimeout { get; set; } = s_defaults.LockTimeout;

    /// <summary>See <see cref="MigratorOptions.LockRetries"/>; 5 by default.</summary>
    public int LockRetries { get; set; } = s_defaults.LockRetries;

    /// <summary>See <see cref="MigratorOptions.RetryDelay"/>; 500 ms by default.</summary>
    public TimeSpan RetryDelay { get; set; } = s_defaults.RetryDelay;

    /// <summary>See <see cref="MigratorOptions.MaxRetryDelay"/>; 15 s by default.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = s_defaults.MaxRetryDelay;

    /// <summary>See <see cref="MigratorOptions.StatementTimeout"/>; 1 hour by default, <see cref="TimeSpan.Zero"/>
    /// for no limit.</summary>
    public TimeSpan StatementTimeout { get; set; } = s_defaults.StatementTimeout;

    /// <summary>See <see cref="MigratorOptions.DeployLockWait"/>; 10 minutes by default. At start-up this is how long
    /// a replica waits while another one migrates.</summary>
    public TimeSpan DeployLockWait { get; set; } = s_defaults.DeployLockWait;

    /// <summary>The key of the <see cref="Npgsql.NpgsqlDataSource"/> to use when the application registers it as a
    /// keyed service (<c>AddNpgsqlDataSource(..., serviceKey: "orders")</c>); null, the default, for the unkeyed
    /// one.</summary>
    public string? DataSourceKey { get; set; }

    /// <summary>These options as the migrator takes them; call after <see cref="CutoverOptionsValidator"/> passed.</summary>
    internal MigratorOptions ToMigratorOptions() => new()
    {
        JournalTable = JournalTableName.Parse(JournalTable),
        CreateMissingJournalSchema = CreateMissingJournalSchema,
        LockTimeout = LockTimeout,
        LockRetries = LockRetries,
        RetryDelay = RetryDelay,
        MaxRetryDelay = MaxRetryDelay,
        StatementTimeout = StatementTimeout,
        DeployLockWait = DeployLockWait,
    };
}
