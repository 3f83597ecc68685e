using Shouldly;

namespace Cutover.Cli.Tests;

/// <summary>Help names the program as users type it, <c>cutover</c>, not after its file (Cutover.Cli.dll here, any name
/// for the native binary).</summary>
public sealed class HelpTests
{
    [Fact]
    public async Task Help_names_the_program_cutover()
    {
        var run = await CliProcess.RunAsync(AppContext.BaseDirectory, "--help");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Output.ShouldContain("Usage:\n  cutover [command] [options]", Case.Sensitive, run.ToString());
        run.Output.ShouldNotContain("Cutover.Cli", Case.Sensitive, run.ToString());
    }

    [Fact]
    public async Task Help_of_a_command_names_the_program_cutover()
    {
        var run = await CliProcess.RunAsync(AppContext.BaseDirectory, "status", "--help");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Output.ShouldContain("Usage:\n  cutover status [options]", Case.Sensitive, run.ToString());
    }

    [Fact]
    public async Task Version_prints_the_version()
    {
        var run = await CliProcess.RunAsync(AppContext.BaseDirectory, "--version");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Output.ShouldStartWith("0.", Case.Sensitive, run.ToString());
    }
}
