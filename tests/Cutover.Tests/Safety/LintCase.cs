using Cutover.Safety;

namespace Cutover.Tests.Safety;

/// <summary>Lints one script written after a setup script, on the assembly's throwaway server.</summary>
public static class LintCase
{
    public const string Setup = "01.00.00_01_pre_setup.sql";

    public static string ScriptName(string phase) =>
        phase == "pre" ? "02.00.00_01_pre_change.sql" : "02.00.00_50_post_change.sql";

    /// <summary>Lints <paramref name="script"/> (in <paramref name="phase"/>) on top of <paramref name="setup"/>.</summary>
    public static Task<LintResult> LintAsync(ServerFixture fixture, string setup, string phase, string script) =>
        new Linter(fixture.Server.DatabaseServer).LintAsync(
            new ScriptList((Setup, setup), (ScriptName(phase), script)), [ScriptName(phase)],
            TestContext.Current.CancellationToken);
}
