namespace Cutover.PostDeploy;

/// <summary>One action for one tenant: the unit that is claimed, run and recorded (one journal row).</summary>
/// <param name="ActionId">The action's id.</param>
/// <param name="Tenant">The tenant's name; empty when the action does not run per tenant.</param>
public sealed record PostDeployWorkItem(string ActionId, string Tenant)
{
    /// <inheritdoc/>
    public override string ToString() => Tenant.Length == 0 ? ActionId : ActionId + "@" + Tenant;
}
