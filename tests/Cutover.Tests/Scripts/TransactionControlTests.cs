using Cutover.Scripts;
using Shouldly;

namespace Cutover.Tests.Scripts;

public sealed class TransactionControlTests
{
    [Theory]
    [InlineData("BEGIN", "BEGIN")]
    [InlineData("begin work", "BEGIN")]
    [InlineData("Begin Transaction Isolation Level Serializable", "BEGIN")]
    [InlineData("start transaction read only", "START TRANSACTION")]
    [InlineData("START /* x */ TRANSACTION", "START TRANSACTION")]
    [InlineData("commit", "COMMIT")]
    [InlineData("COMMIT AND CHAIN", "COMMIT")]
    [InlineData("commit prepared 'tx1'", "COMMIT PREPARED")]
    [InlineData("end", "END")]
    [InlineData("END TRANSACTION", "END")]
    [InlineData("rollback", "ROLLBACK")]
    [InlineData("rollback to savepoint s", "ROLLBACK")]
    [InlineData("ROLLBACK PREPARED 'tx1'", "ROLLBACK PREPARED")]
    [InlineData("abort", "ABORT")]
    [InlineData("savepoint s1", "SAVEPOINT")]
    [InlineData("release savepoint s1", "RELEASE")]
    [InlineData("RELEASE s1", "RELEASE")]
    [InlineData("prepare transaction 'tx1'", "PREPARE TRANSACTION")]
    [InlineData("  -- leading comment\n/* and another */ commit", "COMMIT")]
    public void Find_names_the_transaction_control_command(string statement, string command) =>
        TransactionControl.Find(statement).ShouldBe(command);

    [Theory]
    [InlineData("select 1")]
    [InlineData("")]
    [InlineData("-- commit")]
    [InlineData("/* commit; */ select 1")]
    [InlineData("begin atomic select 1; end")]
    [InlineData("BEGIN   ATOMIC")]
    [InlineData("do $$ begin commit; end $$")]
    [InlineData("select 'commit'")]
    [InlineData("\"commit\"")]
    [InlineData("prepare plan1 as select 1")]
    [InlineData("start_transaction")]
    [InlineData("create function f() returns int language sql begin atomic select 1; end")]
    [InlineData("set transaction isolation level serializable")]
    public void Find_ignores_other_statements(string statement) =>
        TransactionControl.Find(statement).ShouldBeNull();

    [Fact]
    public void Begin_in_a_do_body_is_hidden_from_the_script_check()
    {
        const string Script = "do $$ begin perform 1; commit; end $$;\ncreate table t (id int);";
        StatementSplitter.Split(Script).Any(s => TransactionControl.Find(s.TextIn(Script)) is not null).ShouldBeFalse();
    }

    [Fact]
    public void Commit_statement_is_found_among_the_script_statements()
    {
        const string Script = "create table t (id int);\n-- done\ncommit;";
        StatementSplitter.Split(Script)
            .Select(s => TransactionControl.Find(s.TextIn(Script)))
            .ShouldBe([null, "COMMIT"]);
    }
}
