using Cutover.Tests;
using Shouldly;

namespace Cutover.Cli.Tests;

public sealed class CheckCommandTests(ServerFixture fixture)
{
    [Fact]
    public async Task Procrastinate_check_exits_0_and_notes_the_column_order()
    {
        var run = await CliProcess.RunAsync(SharedCorpus.Path("procrastinate"), "check", "--scratch", fixture.Server.ConnectionString());

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Output.ShouldContain("note: table procrastinate_jobs");
        run.Output.ShouldContain("equivalent (1 note)");
    }

    [Fact]
    public async Task Schema_that_lags_behind_the_migrations_exits_1_naming_the_object()
    {
        using var folder = new MigrationFolder()
            .With("01.00.00_01_pre_users.sql", "CREATE TABLE users (id int PRIMARY KEY, email text);")
            .With("01.00.00_02_pre_email_index.sql", "CREATE INDEX users_email_idx ON users (email);");
        File.WriteAllText(Path.Combine(folder.Root, "schema.sql"), "CREATE TABLE users (id int PRIMARY KEY, email text);");

        var run = await CliProcess.RunAsync(folder.Root, "check", "--scratch", fixture.Server.ConnectionString());

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Output.ShouldContain("users_email_idx");
    }

    [Fact]
    public async Task Ignored_kind_makes_the_difference_acceptable()
    {
        using var folder = new MigrationFolder()
            .With("01.00.00_01_pre_users.sql", "CREATE TABLE users (id int PRIMARY KEY, email text);")
            .With("01.00.00_02_pre_email_index.sql", "CREATE INDEX users_email_idx ON users (email);");
        File.WriteAllText(Path.Combine(folder.Root, "schema.sql"), "CREATE TABLE users (id int PRIMARY KEY, email text);");

        var run = await CliProcess.RunAsync(folder.Root, "check", "--scratch", fixture.Server.ConnectionString(), "--ignore", "index");

        run.ExitCode.ShouldBe(0, run.ToString());
    }
}
