using Cutover.Scripts;
using Shouldly;

namespace Cutover.Tests.Scripts;

public sealed class StatementSplitterCorpusTests
{
    public static TheoryData<string> ProcrastinateScripts() => SharedCorpus.ProcrastinateScripts();

    [Fact]
    public void Procrastinate_corpus_has_schema_and_38_migrations() =>
        ProcrastinateScripts().Count.ShouldBe(39);

    [Theory]
    [MemberData(nameof(ProcrastinateScripts))]
    public void Procrastinate_script_has_nothing_unterminated(string path)
    {
        StatementSplitter.FindUnterminated(SharedCorpus.Read(path)).ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(ProcrastinateScripts))]
    public void Procrastinate_script_has_no_transaction_control(string path)
    {
        var script = SharedCorpus.Read(path);
        StatementSplitter.Split(script)
            .Select(s => TransactionControl.Find(s.TextIn(script)))
            .OfType<string>()
            .ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(ProcrastinateScripts))]
    public void Procrastinate_script_splits_into_trimmed_statements_with_trivia_between(string path)
    {
        var script = SharedCorpus.Read(path);
        var statements = StatementSplitter.Split(script);
        statements.ShouldNotBeEmpty();
        StatementSplitterPropertyTests.AreInOrderApartAndTrimmed(script, statements).ShouldBeTrue();
        StatementSplitterPropertyTests.GapsAreTriviaAndSemicolons(script, statements).ShouldBeTrue();
    }
}
