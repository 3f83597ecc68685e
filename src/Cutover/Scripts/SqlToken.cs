namespace Cutover.Scripts;

/// <summary>One lexical token of a SQL script, located by UTF-16 offset and length in the script.</summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Offset">Where the token starts in the script.</param>
/// <param name="Length">How many characters it spans.</param>
/// <param name="IsUnterminated">True when a quote or comment is still open at the end of the input; the token then
/// runs to the end of the input.</param>
internal readonly record struct SqlToken(SqlTokenKind Kind, int Offset, int Length, bool IsUnterminated = false)
{
    /// <summary>The offset just past the token.</summary>
    internal int End => Offset + Length;

    /// <summary>True for whitespace and comments, which separate tokens and never belong to a statement's ends.</summary>
    internal bool IsTrivia => Kind is SqlTokenKind.Whitespace or SqlTokenKind.LineComment or SqlTokenKind.BlockComment;
}
