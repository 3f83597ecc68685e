using System.CommandLine;
using Shouldly;

namespace Cutover.Cli.Tests;

/// <summary>docs/cli.md names every command and option the program has, so the page cannot fall behind.</summary>
public sealed class CliDocumentationTests
{
    private static readonly string s_page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "cli.md"));

    public static TheoryData<string> CommandsAndOptions()
    {
        var commands = CutoverCommandLine.Build().Subcommands
            .SelectMany(c => c.Subcommands.Prepend(c)).ToList();
        var names = CutoverCommandLine.Build().Subcommands
            .SelectMany(c => c.Subcommands.Select(s => c.Name + " " + s.Name).Prepend(c.Name))
            .Concat(commands.SelectMany(c => c.Options).Select(o => o.Name).Where(n => n.StartsWith("--", StringComparison.Ordinal) && n != "--help"))
            .Distinct(StringComparer.Ordinal);
        return [.. names];
    }

    [Theory]
    [MemberData(nameof(CommandsAndOptions))]
    public void Every_command_and_option_is_documented(string item)
    {
        s_page.ShouldContain($"`{item}", Case.Sensitive, $"docs/cli.md does not mention {item}");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cutover.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Cutover.slnx not found");
    }
}
