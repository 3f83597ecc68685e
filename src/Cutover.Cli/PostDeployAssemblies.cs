using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Cutover.PostDeploy;

namespace Cutover.Cli;

/// <summary>Whether this <c>cutover</c> can load the application assemblies that <c>deploy --assembly</c> names: the
/// dotnet tool can; the native binary (NativeAOT, no JIT) cannot run code it was not compiled with, so it refuses
/// <c>deploy</c> and says where to run it instead.</summary>
internal static class PostDeployAssemblies
{
    /// <summary>The feature switch behind <see cref="IsSupported"/>.</summary>
    public const string SwitchName = "Cutover.Cli.PostDeployAssemblies.IsSupported";

    /// <summary>The one line <c>deploy</c> prints, before exiting 2, where assemblies cannot be loaded.</summary>
    public const string Refusal =
        "deploy: the native cutover binary cannot load post-deploy assemblies (their code needs the JIT); use the " +
        "dotnet tool (dotnet tool install Cutover.Cli, or dotnet Cutover.Cli.dll deploy ...) or the hosted worker in " +
        "the application (AddCutoverPostDeployWorker)";

    /// <summary>True in the dotnet tool, false in the native binary.</summary>
    /// <remarks>False without dynamic code (the native binary), whatever the switch says. The switch is what lets the
    /// compilers treat this as a constant and drop the loading code: Cutover.Cli.csproj turns it off in every build
    /// that trims, the native binary included, as the SDK does for its own feature switches.</remarks>
    [FeatureSwitchDefinition(SwitchName)]
    [FeatureGuard(typeof(RequiresUnreferencedCodeAttribute))]
    [FeatureGuard(typeof(RequiresDynamicCodeAttribute))]
    [UnconditionalSuppressMessage("Trimming", "IL4000:ReturnValueDoesNotMatchFeatureGuards",
        Justification = "The analyzer proves only a bare feature check. This is false wherever either feature is " +
            "missing: without dynamic code by the first test, and in trimmed builds by the switch, which " +
            "Cutover.Cli.csproj turns off for PublishAot and PublishTrimmed.")]
    public static bool IsSupported =>
        RuntimeFeature.IsDynamicCodeSupported && (!AppContext.TryGetSwitch(SwitchName, out var supported) || supported);

    /// <summary>What <c>upgrade --assembly</c> prints, before exiting 2, where assemblies cannot be loaded: the gate
    /// still reads the before-post actions a deploy recorded in the journal, so the flag is only needed by the tool.</summary>
    public const string UpgradeRefusal =
        "upgrade: the native cutover binary cannot load post-deploy assemblies (their code needs the JIT); leave out " +
        "--assembly: the post phase is still held back by every before-post action recorded in the post-deploy journal " +
        "(registered by 'cutover deploy' or the hosted worker), or use the dotnet tool (dotnet tool install Cutover.Cli)";

    /// <summary>Loads the assemblies and finds their actions (<see cref="PostDeployCatalog.LoadFrom"/>).</summary>
    /// <exception cref="CliInputException">This is the native binary: <paramref name="refusal"/>.</exception>
    /// <exception cref="PostDeployDefinitionException">As for <see cref="PostDeployCatalog.LoadFrom"/>.</exception>
    public static PostDeployCatalog LoadCatalog(IEnumerable<string> paths, string refusal = Refusal) =>
        IsSupported ? PostDeployCatalog.LoadFrom(paths) : throw new CliInputException(refusal);
}
