using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Cutover.Scripts;

namespace Cutover.PostDeploy;

/// <summary>A declared action as discovered: its id, description, whether it is automatic, and where its code is.</summary>
/// <param name="Id">The stable id.</param>
/// <param name="Description">What it does.</param>
/// <param name="Auto">Whether <c>--auto</c> runs it.</param>
/// <param name="Stage">When it must run.</param>
/// <param name="Release">The release it belongs to, as written (<c>02.00.00</c>); null for none.</param>
/// <param name="DeclaringType">The class implementing <see cref="IPostDeployAction"/>, or declaring the method.</param>
/// <param name="Method">The method for a method action; null for a class action.</param>
/// <remarks><paramref name="DeclaringType"/> keeps its public constructors when trimmed: the executor creates instances
/// through them.</remarks>
internal sealed record PostDeployActionDescriptor(
    string Id, string? Description, bool Auto, PostDeployStage Stage, string? Release,
    [param: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)]
    [property: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)]
    Type DeclaringType,
    MethodInfo? Method)
{
    /// <summary>Whether a database installed from <c>schema.sql</c> at <paramref name="installedRelease"/> never
    /// needs the action: it belongs to that release or an earlier one, so the database never held the data it
    /// fixes.</summary>
    public bool IsNotNeededAt(ScriptVersion? installedRelease) =>
        installedRelease is { } installed && ScriptVersion.TryParse(Release, out var release) &&
        release.CompareTo(installed) <= 0;

    /// <summary>The code's name for messages, e.g. <c>MyApp.Backfills.OrderTotals</c> or <c>MyApp.Actions.Warm</c>.</summary>
    public string CodeName => Method is null ? DeclaringType.FullName ?? DeclaringType.Name
        : (DeclaringType.FullName ?? DeclaringType.Name) + "." + Method.Name;
}
