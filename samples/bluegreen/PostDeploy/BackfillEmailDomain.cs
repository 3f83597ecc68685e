using Cutover.PostDeploy;

namespace Bluegreen.PostDeploy;

/// <summary>Release 2 shows accounts by email domain; the pre phase added the column, this fills it for existing rows
/// in batches, so the application's writes never wait behind one long UPDATE.</summary>
[PostDeploy("2026-11-backfill-email-domain", Auto = true, Description = "Fill accounts.email_domain from email_address")]
public sealed class BackfillEmailDomain : IPostDeployAction
{
    /// <inheritdoc />
    public async Task RunAsync(PostDeployContext context, CancellationToken cancellationToken) =>
        await context.BackfillAsync(new BackfillOptions
        {
            Table = "accounts",
            KeyColumn = "id",
            BatchSize = 20_000,
            BatchSql = "UPDATE accounts SET email_domain = split_part(email_address, '@', 2) " +
                       "WHERE id > @lower AND id <= @upper AND email_domain IS NULL",
        }, cancellationToken);
}
