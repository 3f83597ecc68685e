using Cutover.Scripts;

namespace Cutover.Hosting;

/// <summary>The script source <see cref="CutoverBuilder.UseScriptSource"/> chose, held in the container under a type
/// of Cutover's own so that registering it does not claim <see cref="IScriptSource"/> for the whole
/// application.</summary>
internal sealed record ConfiguredScriptSource(IScriptSource Source);
