using System.Globalization;
using Cutover.PostDeploy;

namespace Cutover.Cli.Output;

/// <summary>What <c>cutover deploy</c> prints: the outcome of each action it ran, or the <c>--report</c> table.</summary>
internal sealed record DeployReport(IReadOnlyList<DeployOutcomeLine> Outcomes, IReadOnlyList<PostDeployReportRow> Actions)
{
    public static DeployReport From(PostDeployRunResult result) => new(
        [.. result.Outcomes.Select(o => new DeployOutcomeLine(o.Item.ActionId, o.Item.Tenant, o.Kind,
            o.Duration is { } d ? (long)d.TotalMilliseconds : null, o.ErrorSummary, o.RanBy))], []);

    public static DeployReport From(IReadOnlyList<PostDeployReportRow> rows) => new([], rows);

    public void WriteText(TextWriter output)
    {
        foreach (var outcome in Outcomes)
        {
            var where = outcome.Tenant.Length == 0 ? "" : $" [{outcome.Tenant}]";
            var took = (outcome.DurationMs is { } ms ? $" ({ms} ms)" : "") + (outcome.RanBy is { } host ? $" by {host}" : "");
            output.WriteLine($"{outcome.ActionId}{where}: {Words(outcome.Kind.ToString())}{took}" +
                (outcome.Error is { } error ? $": {error}" : ""));
        }

        if (Outcomes.Count == 0 && Actions.Count == 0)
        {
            output.WriteLine("No post-deploy actions to run.");
        }

        if (Actions.Count == 0)
        {
            return;
        }

        var rows = Actions.Select(a => new[]
        {
            a.ActionId + (a.Tenant.Length == 0 ? "" : $" [{a.Tenant}]"),
            a.Auto ? "auto" : "manual",
            (a.Stage == PostDeployStage.BeforePost ? "before-post" : "after-post") + (a.Release is { } r ? " " + r : ""),
            Words(a.State.ToString()),
            a.Attempts.ToString(CultureInfo.InvariantCulture),
            a.Started?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "",
            a.Duration is { } d ? $"{d.TotalSeconds:0.0} s" : "",
            a.RowsTotal is { } total ? $"{a.RowsDone:N0}/{total:N0}" : a.RowsDone > 0 ? $"{a.RowsDone:N0}" : "",
            (a.ErrorSummary ?? "") + (a.Declared ? "" : " (no longer declared)"),
        }).ToList();
        string[] header = ["action", "run", "stage", "state", "attempts", "started", "took", "rows", "error"];
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        }
    }

    /// <summary><c>NotNeeded</c> as <c>not-needed</c>: the words the journal and the docs use.</summary>
    private static string Words(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
