using Cutover.Connections;
using Shouldly;

namespace Cutover.Tests.Connections;

public sealed class PgPassFileTests
{
    private const string Path = "/home/ana/.pgpass";

    [Fact]
    public void The_first_matching_line_wins()
    {
        var file = PgPassFile.Parse(
            """
            db:5432:app:ana:first
            db:5432:app:ana:second
            """,
            Path);

        file.FindFirstMatch("db", "5432", "app", "ana")!.Password.ShouldBe("first");
    }

    [Fact]
    public void A_star_matches_any_value()
    {
        var file = PgPassFile.Parse("db:5432:other:ana:specific\n*:*:*:ana:general\n", Path);

        var entry = file.FindFirstMatch("elsewhere", "6543", "app", "ana");

        entry!.Password.ShouldBe("general");
        entry.Line.ShouldBe(2);
    }

    [Fact]
    public void An_escaped_star_matches_only_a_star()
    {
        var file = PgPassFile.Parse(@"db:5432:\*:ana:secret", Path);

        file.FindFirstMatch("db", "5432", "app", "ana").ShouldBeNull();
        file.FindFirstMatch("db", "5432", "*", "ana").ShouldNotBeNull();
    }

    [Fact]
    public void Backslash_escapes_colons_and_backslashes()
    {
        var file = PgPassFile.Parse(@"db\:1:5432:app:ana:pa\:ss\\word", Path);

        file.FindFirstMatch("db:1", "5432", "app", "ana")!.Password.ShouldBe(@"pa:ss\word");
    }

    [Fact]
    public void The_password_ends_at_the_next_unescaped_colon() =>
        PgPassFile.Parse("db:5432:app:ana:pass:ignored", Path).Entries.Single().Password.ShouldBe("pass");

    [Fact]
    public void Fields_are_compared_exactly() =>
        PgPassFile.Parse("DB:5432:app:ana:secret", Path).FindFirstMatch("db", "5432", "app", "ana").ShouldBeNull();

    [Fact]
    public void Comments_blank_lines_and_carriage_returns_are_skipped()
    {
        var file = PgPassFile.Parse("# db:5432:app:ana:commented\r\n\r\ndb:5432:app:ana:secret\r\n", Path);

        file.Entries.Single().Password.ShouldBe("secret");
    }

    [Fact]
    public void A_line_with_fewer_than_five_fields_names_the_file_and_line_but_not_the_line()
    {
        var error = Should.Throw<ConnectionConfigurationException>(
            () => PgPassFile.Parse("db:5432:app:ana:ok\ndb:5432:S3ntinel-Pa55\n", Path));

        error.Message.ShouldBe(Path + ":2: line is not host:port:database:user:password");
        error.Message.ShouldNotContain("S3ntinel-Pa55");
    }

    [Fact]
    public void An_entry_does_not_show_its_password() =>
        PgPassFile.Parse("db:5432:app:ana:S3ntinel-Pa55", Path).Entries.Single().ToString()
            .ShouldBe("db:5432:app:ana:(password not shown)");

    [Fact]
    public void A_file_readable_by_others_is_refused()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "libpq checks permissions on Unix only");
        using var folder = new TempFolder();
        var path = folder.Write(".pgpass", "*:*:*:*:secret\n",
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        PgPassFile.FindReasonToIgnore(path).ShouldBe(
            "it has group or world access; permissions should be u=rw (0600) or less");
    }

    [Fact]
    public void A_file_for_its_owner_only_is_accepted()
    {
        using var folder = new TempFolder();
        var path = folder.Write(".pgpass", "*:*:*:*:secret\n");

        PgPassFile.FindReasonToIgnore(path).ShouldBeNull();
    }

    [Fact]
    public void A_folder_is_refused()
    {
        using var folder = new TempFolder();

        PgPassFile.FindReasonToIgnore(folder.Path).ShouldBe("it is a folder, not a file");
    }
}
