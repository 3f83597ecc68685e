using Cutover.PostDeploy;

namespace Bluegreen.PostDeploy;

/// <summary>The copy of the rename: fills accounts.email_address from email for the rows that existed before the pre
/// phase, in batches, so release 1's writes never wait behind one long UPDATE. It runs between the pre and the post
/// phase (<c>cutover deploy --once 2026-11-copy-email-address</c>), before release 2 takes traffic; rows written
/// meanwhile are kept in sync by the pre phase's trigger, and the post phase's validated check proves none was
/// missed.</summary>
[PostDeploy("2026-11-copy-email-address", Description = "Fill accounts.email_address from email (the rename's copy)")]
public sealed class CopyEmailAddress : IPostDeployAction
{
    /// <inheritdoc />
    public async Task RunAsync(PostDeployContext context, CancellationToken cancellationToken) =>
        await context.BackfillAsync(new BackfillOptions
        {
            Table = "accounts",
            KeyColumn = "id",
            BatchSize = 20_000,
            BatchSql = "UPDATE accounts SET email_address = email " +
                       "WHERE id > @lower AND id <= @upper AND email_address IS NULL",
        }, cancellationToken);
}
