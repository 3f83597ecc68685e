using System.Globalization;

namespace Cutover.PostDeploy;

/// <summary>Where the journal lives and how claims behave; validated when a <see cref="PostDeployExecutor"/> is built.</summary>
public sealed record PostDeployOptions
{
    /// <summary>The journal's schema; <c>public</c> by default.</summary>
    public string JournalSchema { get; init; } = "public";

    /// <summary>The journal's table; <c>cutover_post_deploy</c> by default.</summary>
    public string JournalTable { get; init; } = "cutover_post_deploy";

    /// <summary>How long a claim lasts without renewal; a node that dies leaves a claim that others take over after
    /// this long. Two minutes by default.</summary>
    /// <remarks>Nodes compare claim expiry with their own clocks, so the lease must be well above clock skew.</remarks>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a running action renews its claim and looks for pause or cancel requests; a third of
    /// <see cref="Lease"/> when null.</summary>
    public TimeSpan? HeartbeatInterval { get; init; }

    /// <summary>How often workers and waiting deploys look at the journal when no notification wakes them; five
    /// seconds by default.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The name recorded as the claiming host; machine name and process id by default.</summary>
    public string HostName { get; init; } =
        Environment.MachineName + ":" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

    internal TimeSpan EffectiveHeartbeat => HeartbeatInterval ?? Lease / 3;

    internal string QualifiedJournalTable => SqlIdentifier.Quote(JournalSchema, JournalTable);

    internal void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(JournalSchema))
        {
            problems.Add("PostDeployOptions.JournalSchema: must not be empty");
        }

        if (string.IsNullOrWhiteSpace(JournalTable))
        {
            problems.Add("PostDeployOptions.JournalTable: must not be empty");
        }

        if (Lease <= TimeSpan.Zero)
        {
            problems.Add("PostDeployOptions.Lease: must be positive");
        }

        if (EffectiveHeartbeat <= TimeSpan.Zero || EffectiveHeartbeat >= Lease)
        {
            problems.Add("PostDeployOptions.HeartbeatInterval: must be positive and shorter than the lease");
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
