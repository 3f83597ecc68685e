namespace Cutover.Scripts;

/// <summary>What a <see cref="SqlToken"/> is, as far as finding statement boundaries needs to know.</summary>
internal enum SqlTokenKind
{
    /// <summary>Spaces, tabs, line breaks, form feeds and vertical tabs.</summary>
    Whitespace,

    /// <summary><c>-- ...</c> up to, not including, the end of the line.</summary>
    LineComment,

    /// <summary><c>/* ... */</c>, which nests in PostgreSQL.</summary>
    BlockComment,

    /// <summary>An unquoted identifier or key word.</summary>
    Word,

    /// <summary><c>"..."</c> or <c>U&amp;"..."</c>.</summary>
    QuotedIdentifier,

    /// <summary><c>'...'</c>, <c>N'...'</c>, <c>B'...'</c>, <c>X'...'</c> or <c>U&amp;'...'</c>: a backslash is an
    /// ordinary character (standard_conforming_strings is on).</summary>
    String,

    /// <summary><c>E'...'</c>: a backslash escapes the next character.</summary>
    EscapeString,

    /// <summary><c>$$...$$</c> or <c>$tag$...$tag$</c>.</summary>
    DollarString,

    /// <summary><c>;</c>.</summary>
    Semicolon,

    /// <summary><c>(</c>.</summary>
    OpenParenthesis,

    /// <summary><c>)</c>.</summary>
    CloseParenthesis,

    /// <summary>Anything else: a number, an operator or punctuation character, a parameter such as <c>$1</c>.</summary>
    Other,
}
