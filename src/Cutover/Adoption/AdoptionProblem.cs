namespace Cutover.Adoption;

/// <summary>One reason adoption was refused.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Subject">The history entry, file or script at fault.</param>
/// <param name="Message">What is wrong, and what to do.</param>
public sealed record AdoptionProblem(AdoptionProblemKind Kind, string Subject, string Message)
{
    /// <summary><c>subject: message</c>.</summary>
    public override string ToString() => Subject + ": " + Message;
}
