namespace Cutover.Planning;

/// <summary>One disagreement between the journal and the scripts.</summary>
/// <param name="Name">The script's journal name.</param>
/// <param name="Kind">What kind of disagreement.</param>
/// <param name="Message">A sentence saying what is wrong and what to do.</param>
public sealed record DriftFinding(string Name, DriftKind Kind, string Message)
{
    /// <summary><c>name: message</c>.</summary>
    public override string ToString() => Name + ": " + Message;
}
