using Cutover.Scripts;

namespace Cutover.Planning;

/// <summary>What an upgrade is asked to do.</summary>
/// <param name="Phase">Which pending migrations may run.</param>
/// <param name="To">Never apply a script of a later version than this; no limit when null.</param>
/// <param name="AllowOutOfOrder">Apply pending scripts that sort before an applied one instead of refusing.</param>
public sealed record PlanRequest(PhaseSelection Phase, ScriptVersion? To = null, bool AllowOutOfOrder = false);
