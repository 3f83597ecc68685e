using Cutover.Connections;
using Shouldly;

namespace Cutover.Tests.Connections;

public sealed class PgServiceFileTests
{
    private const string Path = "/home/ana/.pg_service.conf";

    [Fact]
    public void Parse_reads_sections_and_skips_comments_and_blank_lines()
    {
        var file = PgServiceFile.Parse(
            """
            # shared settings
            [prod]
            host=db.example.com
              port = 5433

            # the app database
            dbname=app
            [staging]
            host=staging
            """,
            Path);

        file.TryGetService("prod", out var prod).ShouldBeTrue();
        prod.Select(s => (s.Keyword, s.Value, s.Source)).ShouldBe(
        [
            ("host", "db.example.com", Path + ":3"),
            ("port", "5433", Path + ":4"),
            ("dbname", "app", Path + ":7"),
        ]);
        file.TryGetService("staging", out var staging).ShouldBeTrue();
        staging.Single().Value.ShouldBe("staging");
    }

    [Fact]
    public void Service_names_are_case_sensitive() =>
        PgServiceFile.Parse("[Prod]\nhost=db\n", Path).TryGetService("prod", out _).ShouldBeFalse();

    [Fact]
    public void The_first_definition_of_a_service_wins()
    {
        var file = PgServiceFile.Parse("[prod]\nhost=first\n[prod]\nhost=second\n", Path);

        file.TryGetService("prod", out var prod).ShouldBeTrue();
        prod.Single().Value.ShouldBe("first");
    }

    [Fact]
    public void Windows_line_endings_are_accepted()
    {
        var file = PgServiceFile.Parse("[prod]\r\nhost=db\r\n", Path);

        file.TryGetService("prod", out var prod).ShouldBeTrue();
        prod.Single().Value.ShouldBe("db");
    }

    [Theory]
    [InlineData("[prod]\nhost=db\njust words\n", 3, "line is not keyword=value")]
    [InlineData("[prod]\n=db\n", 2, "line is not keyword=value")]
    [InlineData("host=db\n[prod]\n", 1, "keyword=value before the first [service-name] section")]
    [InlineData("# x\n[prod\nhost=db\n", 2, "section header is not [service-name]")]
    [InlineData("[prod]\nservice=other\n", 2, "a service cannot name another service (nested services are not supported)")]
    public void Parse_names_the_file_and_line_of_a_bad_line(string text, int line, string problem)
    {
        var error = Should.Throw<ConnectionConfigurationException>(() => PgServiceFile.Parse(text, Path));

        error.Message.ShouldBe($"{Path}:{line}: {problem}");
        error.FilePath.ShouldBe(Path);
        error.Line.ShouldBe(line);
    }

    [Fact]
    public async Task LoadAsync_of_a_missing_file_gives_null()
    {
        using var folder = new TempFolder();

        var file = await PgServiceFile.LoadAsync(
            System.IO.Path.Combine(folder.Path, "missing.conf"), TestContext.Current.CancellationToken);

        file.ShouldBeNull();
    }
}
