using System.Collections.Immutable;
using Cutover.Scripts;
using Npgsql;

namespace Cutover.Execution;

/// <summary>A script body split into statements, and the way back from a server error to a file line and column.</summary>
internal sealed class StatementBatch
{
    private readonly string _body;
    private readonly LineMap _lines;

    public StatementBatch(string scriptName, Phase? phase, string location, string body)
    {
        ScriptName = scriptName;
        Phase = phase;
        Location = location;
        _body = body;
        _lines = new LineMap(body);
        Statements = StatementSplitter.Split(body);
    }

    public string ScriptName { get; }

    public Phase? Phase { get; }

    public string Location { get; }

    public ImmutableArray<SqlStatement> Statements { get; }

    public string TextOf(int index) => Statements[index].TextIn(_body);

    public int LineOf(int index) => _lines.Locate(Statements[index].Offset).Line;

    /// <summary>One batch command per statement. Npgsql would split a command's text at semicolons that PostgreSQL
    /// does not see as ends (inside <c>BEGIN ATOMIC</c> bodies); the statements here are already whole.</summary>
    public IEnumerable<NpgsqlBatchCommand> Commands() => Statements.Select(s => new NpgsqlBatchCommand(s.TextIn(_body)));

    /// <summary>The index in <paramref name="batch"/> of the command that failed, or -1. Npgsql leaves
    /// <c>PostgresException.BatchCommand</c> null for some errors inside a transaction; the commands that
    /// completed have a statement type from their CommandComplete tag, so the first one without is the culprit.</summary>
    public static int FailedCommandIndex(NpgsqlBatch batch, PostgresException error)
    {
        if (error.BatchCommand is { } failed)
        {
            return batch.BatchCommands.IndexOf(failed);
        }

        for (var i = 0; i < batch.BatchCommands.Count; i++)
        {
            if (batch.BatchCommands[i].StatementType == StatementType.Unknown)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Turns a server error on statement <paramref name="index"/> into an exception naming the file, line and
    /// column: the server's <c>Position</c> is 1-based within the statement it was sent.</summary>
    public ScriptExecutionException Locate(int index, PostgresException error)
    {
        var statement = Statements[index];

        // PostgreSQL counts characters, not UTF-16 units: ScriptOffsetOf converts, so an emoji earlier in the
        // statement does not shift the column.
        var offset = error.Position > 0 ? statement.ScriptOffsetOf(_body, error.Position) : statement.Offset;
        var (line, column) = _lines.Locate(offset);
        return new ScriptExecutionException(ScriptName, Phase, Location, index, line, column, error);
    }
}
