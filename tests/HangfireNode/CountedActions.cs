using Cutover.PostDeploy;
using Npgsql;

namespace HangfireNode;

/// <summary>Twenty automatic actions whose only effect is a row in <c>effects</c> naming the server that ran it, to
/// count how often each ran.</summary>
public static class CountedActions
{
    public const string CreateTable = "CREATE TABLE effects (action_id text NOT NULL, host text NOT NULL)";

    [PostDeploy("hangfire-01", Auto = true)]
    public static Task Counted01(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, cancellationToken);

    [PostDeploy("hangfire-02", Auto = true)]
    public static Task Counted02(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, cancellationToken);

    [PostDeploy("hangfire-03", Auto = true)]
    public static Task Counted03(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, cancellationToken);

    [PostDeploy("hangfire-04", Auto = true)]
    public static Task Counted04(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, cancellationToken);

    [PostDeploy("hangfire-05", Auto = true)]
    public static Task Counted05(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, cancellationToken);

    [PostDeploy("hangfire-06", Auto = true)]
    public static Task Counted06(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, cancellationToken);

    [PostDeploy("hangfire-07", Auto = true)]
    public static Task Counted07(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, cancellationToken);

    [PostDeploy("hangfire-08", Auto = true)]
    public static Task Counted08(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, cancellationToken);

    [PostDeploy("hangfire-09", Auto = true)]
    public static Task Counted09(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, cancellationToken);

    [PostDeploy("hangfire-10", Auto = true)]
    public static Task Counted10(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, cancellationToken);

    [PostDeploy("hangfire-11", Auto = true)]
    public static Task Counted11(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, cancellationToken);

    [PostDeploy("hangfire-12", Auto = true)]
    public static Task Counted12(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, cancellationToken);

    [PostDeploy("hangfire-13", Auto = true)]
    public static Task Counted13(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, cancellationToken);

    [PostDeploy("hangfire-14", Auto = true)]
    public static Task Counted14(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, cancellationToken);

    [PostDeploy("hangfire-15", Auto = true)]
    public static Task Counted15(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, cancellationToken);

    [PostDeploy("hangfire-16", Auto = true)]
    public static Task Counted16(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, cancellationToken);

    [PostDeploy("hangfire-17", Auto = true)]
    public static Task Counted17(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, cancellationToken);

    [PostDeploy("hangfire-18", Auto = true)]
    public static Task Counted18(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, cancellationToken);

    [PostDeploy("hangfire-19", Auto = true)]
    public static Task Counted19(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, cancellationToken);

    [PostDeploy("hangfire-20", Auto = true)]
    public static Task Counted20(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, cancellationToken);

    private static async Task RecordAsync(PostDeployContext context, CancellationToken cancellationToken)
    {
        await using var connection = await context.OpenConnectionAsync(cancellationToken);
        // The sleep keeps a server busy long enough for the other one to fetch jobs too.
        await using var command = new NpgsqlCommand(
            "SELECT pg_sleep(0.2); INSERT INTO effects VALUES (@id, current_setting('application_name'))", connection);
        command.Parameters.AddWithValue("id", context.ActionId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
