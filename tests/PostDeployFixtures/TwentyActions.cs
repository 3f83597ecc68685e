using Cutover.PostDeploy;

namespace PostDeployFixtures;

/// <summary>Twenty auto actions; each records one row in <c>effects</c>, so a test can count how often each ran.</summary>
public static class TwentyActions
{
    [PostDeploy("2026-11-action-01", Auto = true, Description = "Records effect 1")]
    public static Task Action01(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, 1, cancellationToken);

    [PostDeploy("2026-11-action-02", Auto = true, Description = "Records effect 2")]
    public static Task Action02(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, 2, cancellationToken);

    [PostDeploy("2026-11-action-03", Auto = true, Description = "Records effect 3")]
    public static Task Action03(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, 3, cancellationToken);

    [PostDeploy("2026-11-action-04", Auto = true, Description = "Records effect 4")]
    public static Task Action04(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, 4, cancellationToken);

    [PostDeploy("2026-11-action-05", Auto = true, Description = "Records effect 5")]
    public static Task Action05(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, 5, cancellationToken);

    [PostDeploy("2026-11-action-06", Auto = true, Description = "Records effect 6")]
    public static Task Action06(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, 6, cancellationToken);

    [PostDeploy("2026-11-action-07", Auto = true, Description = "Records effect 7")]
    public static Task Action07(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, 7, cancellationToken);

    [PostDeploy("2026-11-action-08", Auto = true, Description = "Records effect 8")]
    public static Task Action08(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, 8, cancellationToken);

    [PostDeploy("2026-11-action-09", Auto = true, Description = "Records effect 9")]
    public static Task Action09(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, 9, cancellationToken);

    [PostDeploy("2026-11-action-10", Auto = true, Description = "Records effect 10")]
    public static Task Action10(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, 10, cancellationToken);

    [PostDeploy("2026-11-action-11", Auto = true, Description = "Records effect 11")]
    public static Task Action11(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, 11, cancellationToken);

    [PostDeploy("2026-11-action-12", Auto = true, Description = "Records effect 12")]
    public static Task Action12(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, 12, cancellationToken);

    [PostDeploy("2026-11-action-13", Auto = true, Description = "Records effect 13")]
    public static Task Action13(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, 13, cancellationToken);

    [PostDeploy("2026-11-action-14", Auto = true, Description = "Records effect 14")]
    public static Task Action14(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, 14, cancellationToken);

    [PostDeploy("2026-11-action-15", Auto = true, Description = "Records effect 15")]
    public static Task Action15(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, 15, cancellationToken);

    [PostDeploy("2026-11-action-16", Auto = true, Description = "Records effect 16")]
    public static Task Action16(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, 16, cancellationToken);

    [PostDeploy("2026-11-action-17", Auto = true, Description = "Records effect 17")]
    public static Task Action17(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, 17, cancellationToken);

    [PostDeploy("2026-11-action-18", Auto = true, Description = "Records effect 18")]
    public static Task Action18(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, 18, cancellationToken);

    [PostDeploy("2026-11-action-19", Auto = true, Description = "Records effect 19")]
    public static Task Action19(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, 19, cancellationToken);

    [PostDeploy("2026-11-action-20", Auto = true, Description = "Records effect 20")]
    public static Task Action20(PostDeployContext context, CancellationToken cancellationToken) =>
        RecordAsync(context, 20, cancellationToken);

    private static async Task RecordAsync(PostDeployContext context, int action, CancellationToken cancellationToken)
    {
        await using var command = context.DataSource.CreateCommand(
            "INSERT INTO effects (action, pid) VALUES ($1, pg_backend_pid())");
        command.Parameters.Add(new() { Value = action });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
