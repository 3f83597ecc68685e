using System.Globalization;
using Cutover.Journal;

namespace Cutover.PostDeploy;

/// <summary>Where the journal lives and how claims behave; validated when a <see cref="PostDeployExecutor"/> is built.</summary>
public sealed record PostDeployOptions
{
    /// <summary>The post-deploy journal table; <c>public.cutover_post_deploy</c> by default.</summary>
    public JournalTableName JournalTable { get; init; } = DefaultJournalTable;

    /// <summary>The migrations' journal (<see cref="Execution.MigratorOptions.JournalTable"/>), read to learn whether
    /// the database was installed from <c>schema.sql</c> and at which release (<see cref="PostDeployState.NotNeeded"/>);
    /// <c>public.cutover_migrations</c> by default.</summary>
    public JournalTableName MigrationsJournalTable { get; init; } = JournalTableName.Default;

    /// <summary>How long a claim lasts without renewal; a node that dies leaves a claim that others take over after
    /// this long. Two minutes by default.</summary>
    /// <remarks>Nodes compare claim expiry with their own clocks, so the lease must be well above clock skew.</remarks>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a deploy that asks for an action waits while another node holds its claim, for that node to
    /// finish or its lease to lapse; ten minutes by default (<c>cutover deploy --lock-wait</c>).</summary>
    public TimeSpan ClaimWait { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How often a running action renews its claim and looks for pause or cancel requests; a third of
    /// <see cref="Lease"/> when null.</summary>
    public TimeSpan? HeartbeatInterval { get; init; }

    /// <summary>How often workers and waiting deploys look at the journal when no notification wakes them; five
    /// seconds by default.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The name recorded as the claiming host; machine name and process id by default.</summary>
    public string HostName { get; init; } =
        Environment.MachineName + ":" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The default post-deploy journal, <c>public.cutover_post_deploy</c>.</summary>
    public static JournalTableName DefaultJournalTable { get; } = new("public", "cutover_post_deploy");

    internal TimeSpan EffectiveHeartbeat => HeartbeatInterval ?? Lease / 3;

    internal void Validate()
    {
        var problems = new List<string>();
        if (JournalTable is null || string.IsNullOrWhiteSpace(JournalTable.Schema) || string.IsNullOrWhiteSpace(JournalTable.Table))
        {
            problems.Add("PostDeployOptions.JournalTable: needs a schema and a table name");
        }

        if (MigrationsJournalTable is null)
        {
            problems.Add("PostDeployOptions.MigrationsJournalTable: must not be null");
        }

        if (Lease <= TimeSpan.Zero)
        {
            problems.Add("PostDeployOptions.Lease: must be positive");
        }

        if (EffectiveHeartbeat <= TimeSpan.Zero || EffectiveHeartbeat >= Lease)
        {
            problems.Add("PostDeployOptions.HeartbeatInterval: must be positive and shorter than the lease");
        }

        if (ClaimWait < TimeSpan.Zero)
        {
            problems.Add("PostDeployOptions.ClaimWait: must not be negative");
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            problems.Add("PostDeployOptions.PollInterval: must be positive");
        }

        if (problems.Count > 0)
        {
            throw new PostDeployDefinitionException([.. problems]);
        }
    }
}
