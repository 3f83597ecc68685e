using Cutover.Journal;
using Microsoft.Extensions.Options;

namespace Cutover.Hosting;

/// <summary>Checks <see cref="CutoverOptions"/> when the host starts and names every bad key at once, in
/// configuration's terms (<c>Cutover:LockTimeout</c>), instead of an <see cref="ArgumentOutOfRangeException"/> from
/// deep inside the first resolution of the migrator.</summary>
/// <remarks>Mirrors <c>MigratorOptions.Validate</c>, which the migrator still runs as a backstop. Hand-written rather
/// than data annotations, whose validator reflects over the type and is not trim safe.</remarks>
internal sealed class CutoverOptionsValidator : IValidateOptions<CutoverOptions>
{
    public ValidateOptionsResult Validate(string? name, CutoverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!JournalTableName.TryParse(options.JournalTable, out _))
        {
            failures.Add($"{Key(nameof(options.JournalTable))}: '{options.JournalTable}' is not a journal table name: " +
                JournalTableName.PlainNameRule);
        }

        if (options.LockTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Key(nameof(options.LockTimeout))} must be more than 0 (it is {options.LockTimeout})");
        }

        if (options.LockRetries < 0)
        {
            failures.Add($"{Key(nameof(options.LockRetries))} must not be negative (it is {options.LockRetries})");
        }

        if (options.RetryDelay < TimeSpan.Zero)
        {
            failures.Add($"{Key(nameof(options.RetryDelay))} must not be negative (it is {options.RetryDelay})");
        }

        if (options.MaxRetryDelay < options.RetryDelay)
        {
            failures.Add($"{Key(nameof(options.MaxRetryDelay))} ({options.MaxRetryDelay}) must not be less than " +
                $"{Key(nameof(options.RetryDelay))} ({options.RetryDelay})");
        }

        if (options.StatementTimeout < TimeSpan.Zero)
        {
            failures.Add($"{Key(nameof(options.StatementTimeout))} must not be negative (0 is no limit; it is " +
                $"{options.StatementTimeout})");
        }

        if (options.DeployLockWait < TimeSpan.Zero)
        {
            failures.Add($"{Key(nameof(options.DeployLockWait))} must not be negative (it is {options.DeployLockWait})");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Key(string property) => CutoverOptions.SectionName + ":" + property;
}
