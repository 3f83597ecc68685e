namespace Cutover.Scripts;

/// <summary>A quote, dollar quote, quoted identifier or block comment still open at the end of a script.</summary>
/// <param name="Offset">Where the open construct starts in the script.</param>
/// <param name="What">What is open, worded to follow "unterminated" as PostgreSQL words it: <c>quoted string</c>,
/// <c>dollar-quoted string</c>, <c>quoted identifier</c>, <c>/* comment</c>, <c>bit string literal</c> or
/// <c>hexadecimal string literal</c>.</param>
internal readonly record struct UnterminatedConstruct(int Offset, string What);
