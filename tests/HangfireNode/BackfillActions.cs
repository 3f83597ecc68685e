using Cutover.PostDeploy;

namespace HangfireNode;

/// <summary>A slow batched backfill whose counter column shows how often each row was processed, and by which server
/// (<c>application_name</c>); and an action that always fails.</summary>
public static class BackfillActions
{
    public const string BackfillId = "hangfire-backfill";
    public const string FailingId = "hangfire-failing";
    public const int Rows = 400;

    public static readonly string CreateTable = $"""
        CREATE TABLE backfilled (id integer PRIMARY KEY, touched integer NOT NULL DEFAULT 0, touched_by text);
        INSERT INTO backfilled (id) SELECT generate_series(1, {Rows});
        """;

    // 40 batches with a pause between them: about four seconds, long enough to kill or stop a server in between.
    [PostDeploy(BackfillId, Description = "Counts every row it touches")]
    public static Task BackfillAsync(PostDeployContext context, CancellationToken cancellationToken) =>
        context.BackfillAsync(new BackfillOptions
        {
            Table = "backfilled",
            BatchSize = 10,
            PauseBetweenBatches = TimeSpan.FromMilliseconds(100),
            BatchSql = """
                UPDATE backfilled SET touched = touched + 1, touched_by = current_setting('application_name')
                WHERE id > @lower AND id <= @upper
                """,
        }, cancellationToken);

    [PostDeploy(FailingId, Description = "Always throws")]
    public static Task FailAsync(CancellationToken cancellationToken) =>
        throw new InvalidOperationException("deliberate failure");
}
