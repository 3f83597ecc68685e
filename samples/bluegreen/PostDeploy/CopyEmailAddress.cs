using Cutover.PostDeploy;

namespace Bluegreen.PostDeploy;

/// <summary>The copy of the rename: fills accounts.email_address from email for the rows that existed before the pre
/// phase, in batches, so release 1's writes never wait behind one long UPDATE. It runs between the pre and the post
/// phase (<c>cutover deploy --auto --stage before-post</c>), before release 2 takes traffic; rows written
/// meanwhile are kept in sync by the pre phase's trigger, and the post phase's validated check proves none was
/// missed. Declared before-post, so that <c>cutover upgrade --phase post</c> refuses to run until it succeeded; and of
/// release 02.00.00, so that a database installed from release 2's schema.sql (which never held rows without
/// email_address) records it as not needed instead of running it.</summary>
[PostDeploy("2026-11-copy-email-address", Auto = true, Stage = PostDeployStage.BeforePost, Release = "02.00.00",
    Description = "Fill accounts.email_address from email (the rename's copy)")]
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
