using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Cutover.PostDeploy;

/// <summary>A declared action as discovered: its id, description, whether it is automatic, and where its code is.</summary>
/// <param name="Id">The stable id.</param>
/// <param name="Description">What it does.</param>
/// <param name="Auto">Whether <c>--auto</c> runs it.</param>
/// <param name="DeclaringType">The class implementing <see cref="IPostDeployAction"/>, or declaring the method.</param>
/// <param name="Method">The method for a method action; null for a class action.</param>
/// <remarks><paramref name="DeclaringType"/> keeps its public constructors when trimmed: the executor creates instances
/// through them.</remarks>
internal sealed record PostDeployActionDescriptor(
    string Id, string? Description, bool Auto,
    [param: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)]
    [property: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)]
    Type DeclaringType,
    MethodInfo? Method)
{
    /// <summary>The code's name for messages, e.g. <c>MyApp.Backfills.OrderTotals</c> or <c>MyApp.Actions.Warm</c>.</summary>
    public string CodeName => Method is null ? DeclaringType.FullName ?? DeclaringType.Name
        : (DeclaringType.FullName ?? DeclaringType.Name) + "." + Method.Name;
}
