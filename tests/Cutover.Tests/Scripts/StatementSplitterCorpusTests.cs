using Cutover.Scripts;
using Shouldly;

namespace Cutover.Tests.Scripts;

public sealed class StatementSplitterCorpusTests
{
    /// <summary>Procrastinate's <c>schema.sql</c> and every file of its <c>migrations/</c>, relative to the
    /// corpus.</summary>
    public static TheoryData<string> ProcrastinateScripts()
    {
        var files = Directory.GetFiles(SharedCorpus.Path("procrastinate", "migrations"), "*.sql")
            .Append(SharedCorpus.Path("procrastinate", "schema.sql"))
            .Select(path => Path.GetRelativePath(SharedCorpus.Root, path))
            .Order(StringComparer.Ordinal);
        return [.. files];
    }

    internal static string Read(string relativePath) => File.ReadAllText(SharedCorpus.Path(relativePath));

    [Fact]
    public void Procrastinate_corpus_has_schema_and_38_migrations() =>
        ProcrastinateScripts().Count.ShouldBe(39);

    [Theory]
    [MemberData(nameof(ProcrastinateScripts))]
    public void Procrastinate_script_has_nothing_unterminated(string path)
    {
        StatementSplitter.FindUnterminated(Read(path)).ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(ProcrastinateScripts))]
    public void Procrastinate_script_has_no_transaction_control(string path)
    {
        var script = Read(path);
        StatementSplitter.Split(script)
            .Select(s => TransactionControl.Find(s.TextIn(script)))
            .OfType<string>()
            .ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(ProcrastinateScripts))]
    public void Procrastinate_script_splits_into_trimmed_statements_with_trivia_between(string path)
    {
        var script = Read(path);
        var statements = StatementSplitter.Split(script);
        statements.ShouldNotBeEmpty();
        StatementSplitterPropertyTests.AreInOrderApartAndTrimmed(script, statements).ShouldBeTrue();
        StatementSplitterPropertyTests.GapsAreTriviaAndSemicolons(script, statements).ShouldBeTrue();
    }
}
