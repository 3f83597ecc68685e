using System.CommandLine;
using Shouldly;

namespace Cutover.Cli.Tests;

/// <summary>The native binary cannot load post-deploy assemblies, so its <c>deploy</c> refuses and points at the
/// dotnet tool; the dotnet tool (what these tests run) loads them. Building the native binary takes minutes, so the
/// refusal is seen through the switch the binary sets; scripts/publish-native.sh builds the real one.</summary>
public sealed class DeployCommandTests
{
    [Fact]
    public async Task Deploy_without_assembly_loading_refuses_with_exit_2_and_names_the_dotnet_tool()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await CutoverCommandLine.Build(loadsAssemblies: false)
            .Parse(["deploy", "--auto", "--assembly", "app.dll", "-c", "Host=nowhere.invalid"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);

        code.ShouldBe(ExitCodes.InputError);
        error.ToString().ShouldBe(PostDeployAssemblies.Refusal + Environment.NewLine);
        error.ToString().ShouldContain("dotnet tool install Cutover.Cli");
        output.ToString().ShouldBeEmpty();
    }

    [Fact]
    public void The_dotnet_tool_loads_assemblies()
    {
        PostDeployAssemblies.IsSupported.ShouldBeTrue();
    }
}
