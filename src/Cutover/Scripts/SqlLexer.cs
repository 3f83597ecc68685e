namespace Cutover.Scripts;

/// <summary>Reads a SQL script one token at a time by PostgreSQL's lexical rules (<c>src/backend/parser/scan.l</c>),
/// with <c>standard_conforming_strings</c> on.</summary>
/// <remarks>
/// It never throws: a quote or comment still open at the end of the input becomes one last token, flagged
/// <see cref="SqlToken.IsUnterminated"/>, that runs to the end. It knows only what finding statement boundaries needs:
/// numbers, operators and parameters come out as <see cref="SqlTokenKind.Other"/>.
/// </remarks>
internal ref struct SqlLexer
{
    private readonly ReadOnlySpan<char> _text;
    private int _position;

    /// <summary>Starts reading at the beginning of <paramref name="text"/>.</summary>
    internal SqlLexer(ReadOnlySpan<char> text) => _text = text;

    /// <summary>Reads the next token, or returns false at the end of the input.</summary>
    internal bool TryRead(out SqlToken token)
    {
        if (_position >= _text.Length)
        {
            token = default;
            return false;
        }

        token = ReadTokenAt(_position);
        _position = token.End;
        return true;
    }

    /// <summary>Reads the next token that is not whitespace or a comment, or returns false at the end of the
    /// input.</summary>
    internal bool TryReadSignificant(out SqlToken token)
    {
        while (TryRead(out token))
        {
            if (!token.IsTrivia)
            {
                return true;
            }
        }

        return false;
    }

    private readonly SqlToken ReadTokenAt(int start)
    {
        var c = _text[start];
        var next = CharAt(start + 1);
        switch (c)
        {
            case ';':
                return new SqlToken(SqlTokenKind.Semicolon, start, 1);
            case '(':
                return new SqlToken(SqlTokenKind.OpenParenthesis, start, 1);
            case ')':
                return new SqlToken(SqlTokenKind.CloseParenthesis, start, 1);
            case '-' when next == '-':
                return ReadLineComment(start);
            case '/' when next == '*':
                return ReadBlockComment(start);
            case '\'':
                return ReadString(SqlTokenKind.String, start, start + 1);
            case '"':
                return ReadQuotedIdentifier(start, start + 1);
            case '$':
                return ReadDollar(start);
            // A one-letter prefix glued to a quote starts a literal ("E'x'"), but only at the start of a token:
            // "somee'x'" is the identifier somee and then a plain string, because words are read whole.
            case 'e' or 'E' when next == '\'':
                return ReadString(SqlTokenKind.EscapeString, start, start + 2);
            case 'n' or 'N' when next == '\'':
                return ReadString(SqlTokenKind.String, start, start + 2);
            case 'b' or 'B' or 'x' or 'X' when next == '\'':
                // Bit strings take no doubled quotes: B'01''10' is B'01' and then '10'.
                return ReadString(SqlTokenKind.String, start, start + 2, doubledQuotes: false);
            case 'u' or 'U' when next == '&' && CharAt(start + 2) == '\'':
                return ReadString(SqlTokenKind.String, start, start + 3);
            case 'u' or 'U' when next == '&' && CharAt(start + 2) == '"':
                return ReadQuotedIdentifier(start, start + 3);
            default:
                break;
        }

        if (IsWhitespace(c))
        {
            var end = start + 1;
            while (end < _text.Length && IsWhitespace(_text[end]))
            {
                end++;
            }

            return new SqlToken(SqlTokenKind.Whitespace, start, end - start);
        }

        if (IsIdentifierStart(c))
        {
            var end = start + 1;
            while (end < _text.Length && IsIdentifierPart(_text[end]))
            {
                end++;
            }

            return new SqlToken(SqlTokenKind.Word, start, end - start);
        }

        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(next)))
        {
            return ReadNumber(start);
        }

        return new SqlToken(SqlTokenKind.Other, start, 1);
    }

    private readonly char CharAt(int index) => index < _text.Length ? _text[index] : '\0';

    private readonly SqlToken ReadLineComment(int start)
    {
        var end = start + 2;
        while (end < _text.Length && _text[end] is not ('\n' or '\r'))
        {
            end++;
        }

        return new SqlToken(SqlTokenKind.LineComment, start, end - start);
    }

    private readonly SqlToken ReadBlockComment(int start)
    {
        // Unlike the SQL standard's, PostgreSQL's block comments nest: "/* a /* b */ ; */" is one comment.
        var depth = 1;
        var i = start + 2;
        while (i < _text.Length)
        {
            if (_text[i] == '/' && CharAt(i + 1) == '*')
            {
                depth++;
                i += 2;
            }
            else if (_text[i] == '*' && CharAt(i + 1) == '/')
            {
                depth--;
                i += 2;
                if (depth == 0)
                {
                    return new SqlToken(SqlTokenKind.BlockComment, start, i - start);
                }
            }
            else
            {
                i++;
            }
        }

        return Unterminated(SqlTokenKind.BlockComment, start);
    }

    private readonly SqlToken ReadString(SqlTokenKind kind, int start, int bodyStart, bool doubledQuotes = true)
    {
        var backslashEscapes = kind == SqlTokenKind.EscapeString;
        var i = bodyStart;
        while (i < _text.Length)
        {
            var c = _text[i];
            if (backslashEscapes && c == '\\')
            {
                i += 2;
            }
            else if (c != '\'')
            {
                i++;
            }
            else if (doubledQuotes && CharAt(i + 1) == '\'')
            {
                i += 2;
            }
            else
            {
                // 'a' <newline> 'b' is one literal 'ab' in SQL, and the continuation is read by the rules of the
                // first part: E'a'\n'b\'c' is one escape string.
                var continuation = FindContinuationQuote(i + 1);
                if (continuation < 0)
                {
                    return new SqlToken(kind, start, i + 1 - start);
                }

                i = continuation + 1;
            }
        }

        return Unterminated(kind, start);
    }

    /// <summary>Finds the quote that continues a string literal after its closing quote at
    /// <paramref name="afterQuote"/> - 1, or returns -1.</summary>
    /// <remarks>scan.l: <c>quotecontinue = {whitespace_with_newline}{quote}</c>, that is whitespace and <c>--</c>
    /// comments holding at least one line break, then a quote. A <c>/* */</c> comment ends the literal.</remarks>
    private readonly int FindContinuationQuote(int afterQuote)
    {
        var sawLineBreak = false;
        var i = afterQuote;
        while (i < _text.Length)
        {
            if (IsWhitespace(_text[i]))
            {
                sawLineBreak |= _text[i] is '\n' or '\r';
                i++;
            }
            else if (_text[i] == '-' && CharAt(i + 1) == '-')
            {
                var lineEnd = _text[i..].IndexOfAny('\n', '\r');
                if (lineEnd < 0)
                {
                    return -1;
                }

                i += lineEnd;
            }
            else
            {
                break;
            }
        }

        return sawLineBreak && CharAt(i) == '\'' ? i : -1;
    }

    private readonly SqlToken ReadQuotedIdentifier(int start, int bodyStart)
    {
        var i = bodyStart;
        while (i < _text.Length)
        {
            if (_text[i] != '"')
            {
                i++;
            }
            else if (CharAt(i + 1) == '"')
            {
                i += 2;
            }
            else
            {
                return new SqlToken(SqlTokenKind.QuotedIdentifier, start, i + 1 - start);
            }
        }

        return Unterminated(SqlTokenKind.QuotedIdentifier, start);
    }

    private readonly SqlToken ReadDollar(int start)
    {
        var i = start + 1;
        if (char.IsAsciiDigit(CharAt(i)))
        {
            // $1 is a positional parameter, not a dollar quote.
            while (char.IsAsciiDigit(CharAt(i)))
            {
                i++;
            }

            return new SqlToken(SqlTokenKind.Other, start, i - start);
        }

        // A tag follows identifier rules except that it cannot contain "$".
        if (i < _text.Length && IsIdentifierStart(_text[i]))
        {
            i++;
            while (i < _text.Length && IsIdentifierPart(_text[i]) && _text[i] != '$')
            {
                i++;
            }
        }

        if (CharAt(i) != '$')
        {
            // scan.l's dolqfailed: only the "$" is a token; what follows is read afresh.
            return new SqlToken(SqlTokenKind.Other, start, 1);
        }

        var delimiter = _text[start..(i + 1)];
        var bodyStart = i + 1;
        // The body ends at the first occurrence of the same delimiter: other tags, "$$" and "$1" inside are text.
        var close = _text[bodyStart..].IndexOf(delimiter, StringComparison.Ordinal);
        return close < 0
            ? Unterminated(SqlTokenKind.DollarString, start)
            : new SqlToken(SqlTokenKind.DollarString, start, bodyStart + close + delimiter.Length - start);
    }

    private readonly SqlToken ReadNumber(int start)
    {
        // Read only what PostgreSQL reads as a number, so that "1e'x'" leaves the escape string e'x' intact.
        var i = start;
        while (char.IsAsciiDigit(CharAt(i)))
        {
            i++;
        }

        if (CharAt(i) == '.' && CharAt(i + 1) != '.')
        {
            i++;
            while (char.IsAsciiDigit(CharAt(i)))
            {
                i++;
            }
        }

        if (CharAt(i) is 'e' or 'E')
        {
            var exponent = CharAt(i + 1) is '+' or '-' ? i + 2 : i + 1;
            if (char.IsAsciiDigit(CharAt(exponent)))
            {
                i = exponent;
                while (char.IsAsciiDigit(CharAt(i)))
                {
                    i++;
                }
            }
        }

        return new SqlToken(SqlTokenKind.Other, start, i - start);
    }

    private readonly SqlToken Unterminated(SqlTokenKind kind, int start) =>
        new(kind, start, _text.Length - start, IsUnterminated: true);

    /// <summary>scan.l's <c>space</c> (PostgreSQL 16 added the vertical tab).</summary>
    internal static bool IsWhitespace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v';

    /// <summary>scan.l's <c>ident_start</c>: every non-ASCII character counts as a letter.</summary>
    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_' || c >= '\u0080';

    /// <summary>scan.l's <c>ident_cont</c>.</summary>
    private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || char.IsAsciiDigit(c) || c == '$';
}
