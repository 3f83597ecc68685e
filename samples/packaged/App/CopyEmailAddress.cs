using Cutover.PostDeploy;

namespace PackagedSample;

/// <summary>The backfill between the phases: release 2's pre phase added <c>email_address</c>; this copies
/// <c>email</c> into it for the rows that existed before, and the post phase (which drops <c>email</c>) may not start
/// until it succeeded.</summary>
[PostDeploy("2026-11-copy-email-address", Auto = true, Stage = PostDeployStage.BeforePost, Release = "02.00.00",
    Description = "Fill accounts.email_address from email")]
public sealed class CopyEmailAddress : IPostDeployAction
{
    /// <inheritdoc />
    public Task RunAsync(PostDeployContext context, CancellationToken cancellationToken) =>
        context.BackfillAsync(new BackfillOptions
        {
            Table = "accounts",
            BatchSize = 5_000,
            BatchSql = "UPDATE accounts SET email_address = email " +
                       "WHERE id > @lower AND id <= @upper AND email_address IS NULL",
        }, cancellationToken);
}
