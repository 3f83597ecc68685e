using Cutover.Scripts;
using Npgsql;

namespace Cutover.Execution;

/// <summary>A statement of a migration script failed. The script's transaction was rolled back (or, for a
/// no-transaction script, its journal row marked failed); scripts before it stay applied.</summary>
/// <remarks>The message reads like compiler output so editors jump to it:
/// <c>migrations/03.00.00_01_pre_add_email.sql:14:5: 42P07: relation "email" already exists</c>.</remarks>
public sealed class ScriptExecutionException : CutoverException
{
    internal ScriptExecutionException(
        string scriptName, Phase? phase, string location, int statementIndex, int line, int column, PostgresException error)
        : base(Format(location, line, column, error), error)
    {
        ScriptName = scriptName;
        Phase = phase;
        FilePath = location;
        Line = line;
        Column = column;
        StatementIndex = statementIndex;
        SqlState = error.SqlState;
        Hint = error.Hint;
    }

    /// <summary>The failing script's journal name, or <c>schema</c> for <c>schema.sql</c>.</summary>
    public string ScriptName { get; }

    /// <summary>The failing script's phase; null when <c>schema.sql</c> failed.</summary>
    public Phase? Phase { get; }

    /// <summary>The file (or resource) of the failing script.</summary>
    public string FilePath { get; }

    /// <summary>The 1-based line in the file where the error points.</summary>
    public int Line { get; }

    /// <summary>The 1-based column in the file where the error points.</summary>
    public int Column { get; }

    /// <summary>The 0-based index of the failing statement within the script.</summary>
    public int StatementIndex { get; }

    /// <summary>The SQLSTATE the server reported; compare with <see cref="PostgresErrorCodes"/>.</summary>
    public string SqlState { get; }

    /// <summary>The server's hint, if it gave one.</summary>
    public string? Hint { get; }

    private static string Format(string location, int line, int column, PostgresException error) =>
        $"{location}:{line}:{column}: {error.SqlState}: {error.MessageText}" +
        (error.Detail is { Length: > 0 } detail ? Environment.NewLine + "  detail: " + detail : "") +
        (error.Hint is { Length: > 0 } hint ? Environment.NewLine + "  hint: " + hint : "");
}
