namespace Cutover.Scripts;

/// <summary>Tells whether the words read so far of one statement leave it inside the <c>BEGIN ATOMIC ... END</c>
/// body of a SQL-standard function, where a <c>;</c> does not end the statement.</summary>
/// <remarks>
/// The same heuristic as psql's (<c>psqlscan.l</c>, PostgreSQL 14 and later), so that scripts split as they do under
/// psql: only in a statement whose first words are <c>CREATE [OR REPLACE] FUNCTION|PROCEDURE</c>, and only outside
/// parentheses, <c>BEGIN</c> opens a block, <c>CASE</c> opens one when already inside a block, and <c>END</c> closes
/// one. Only unquoted words count; quotes and comments never reach it. A fresh tracker is needed per statement.
/// </remarks>
internal struct FunctionBodyTracker
{
    private int _wordCount;
    private char _first;
    private char _second;
    private char _third;
    private char _fourth;
    private int _depth;

    /// <summary>True while a <c>;</c> would fall inside a function body.</summary>
    internal readonly bool IsInsideBody => _depth > 0;

    /// <summary>Takes the next unquoted word of the statement.</summary>
    /// <param name="word">The word as written.</param>
    /// <param name="parenthesisDepth">How many parentheses are open around it.</param>
    internal void Read(ReadOnlySpan<char> word, int parenthesisDepth)
    {
        // psql remembers the initial of each of the first four words when it is one of these five.
        var initial = Is(word, "create") || Is(word, "function") || Is(word, "procedure") || Is(word, "or")
            || Is(word, "replace")
            ? char.ToLowerInvariant(word[0])
            : '\0';
        switch (_wordCount)
        {
            case 0:
                _first = initial;
                break;
            case 1:
                _second = initial;
                break;
            case 2:
                _third = initial;
                break;
            case 3:
                _fourth = initial;
                break;
            default:
                break;
        }

        _wordCount++;
        var createsRoutine = _first == 'c'
            && (_second is 'f' or 'p' || (_second == 'o' && _third == 'r' && _fourth is 'f' or 'p'));
        if (!createsRoutine || parenthesisDepth != 0)
        {
            return;
        }

        if (Is(word, "begin"))
        {
            _depth++;
        }
        else if (Is(word, "case"))
        {
            // CASE also ends with END, but only matters inside a block.
            if (_depth > 0)
            {
                _depth++;
            }
        }
        else if (Is(word, "end") && _depth > 0)
        {
            _depth--;
        }
    }

    private static bool Is(ReadOnlySpan<char> word, string keyword) =>
        word.Equals(keyword, StringComparison.OrdinalIgnoreCase);
}
