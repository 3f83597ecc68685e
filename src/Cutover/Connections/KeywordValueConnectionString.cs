using System.Text;

namespace Cutover.Connections;

/// <summary>Parses libpq's keyword/value connection strings (<c>host=db1 port=5433 dbname='my app'</c>), following
/// libpq's <c>conninfo_parse</c>: pairs separated by whitespace, values in single quotes when they hold spaces,
/// backslash escaping a quote or a backslash.</summary>
/// <remarks>Npgsql's own format (<c>Host=db1;Port=5433</c>) looks alike, so this format is only recognised when the
/// string has no <c>;</c> and starts with a lower-case libpq keyword and <c>=</c>: <c>host=db1</c> means the same in
/// both, and <c>host=db1 dbname=app</c> would otherwise silently become the host name <c>db1 dbname=app</c>.</remarks>
internal static class KeywordValueConnectionString
{
    /// <summary>What error messages call the input.</summary>
    public const string Source = "connection string";

    /// <summary>Whether <paramref name="text"/> is in libpq's keyword/value format rather than Npgsql's.</summary>
    public static bool IsKeywordValue(string text)
    {
        if (text.Contains(';', StringComparison.Ordinal))
        {
            return false;
        }

        var trimmed = text.TrimStart();
        var length = 0;
        while (length < trimmed.Length && (char.IsAsciiLetterLower(trimmed[length]) || trimmed[length] == '_'))
        {
            length++;
        }

        return length > 0
            && LibpqParameters.TryGet(trimmed[..length], out _)
            && trimmed[length..].TrimStart().StartsWith('=');
    }

    /// <summary>Parses <paramref name="text"/> into libpq keywords and values; a later keyword overrides an earlier
    /// one, as in libpq.</summary>
    /// <exception cref="ConnectionConfigurationException">The string is malformed or names an unknown keyword.</exception>
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var keywords = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = 0;
        while (true)
        {
            SkipWhitespace(text, ref position);
            if (position == text.Length)
            {
                return keywords;
            }

            var keywordStart = position;
            while (position < text.Length && text[position] != '=' && !char.IsWhiteSpace(text[position]))
            {
                position++;
            }

            var keyword = text[keywordStart..position];
            SkipWhitespace(text, ref position);
            if (position == text.Length || text[position] != '=')
            {
                throw Error($"missing \"=\" after {PasswordRedaction.Quote(text, keyword)}");
            }

            position++;
            SkipWhitespace(text, ref position);
            var value = new StringBuilder();
            if (position < text.Length && text[position] == '\'')
            {
                position++;
                while (true)
                {
                    if (position == text.Length)
                    {
                        throw Error($"unterminated quoted value of {PasswordRedaction.Quote(text, keyword)}");
                    }

                    var c = text[position++];
                    if (c == '\'')
                    {
                        break;
                    }

                    if (c == '\\' && position < text.Length)
                    {
                        c = text[position++];
                    }

                    value.Append(c);
                }
            }
            else
            {
                while (position < text.Length && !char.IsWhiteSpace(text[position]))
                {
                    var c = text[position++];
                    if (c == '\\' && position < text.Length)
                    {
                        c = text[position++];
                    }

                    value.Append(c);
                }
            }

            if (!LibpqParameters.TryGet(keyword, out _))
            {
                throw Error($"{PasswordRedaction.Quote(text, keyword)} is not a libpq connection keyword");
            }

            keywords[keyword] = value.ToString();
        }
    }

    private static void SkipWhitespace(string text, ref int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }

    private static ConnectionConfigurationException Error(string problem) => new(Source + ": " + problem);
}
