using System.Diagnostics;
using Shouldly;

namespace Cutover.Tests.Adoption;

/// <summary>grate 2.2.0, the real dotnet tool, installed once into <c>.peers/</c> at the repository's root (a test-only
/// peer, never a dependency), and run as its users run it.</summary>
internal static class GrateTool
{
    private const string Version = "2.2.0";

    private static readonly Lazy<Task<string>> s_program = new(InstallAsync);

    public static async Task RunAsync(string connectionString, string folder, bool expectSuccess = true)
    {
        var program = await s_program.Value;
        var output = Directory.CreateTempSubdirectory("cutover-grate-out-").FullName;
        var (code, text) = await RunProcessAsync(program,
            ["--connectionstring=" + connectionString, "--sqlfilesdirectory=" + folder, "--databasetype=postgresql",
                "--silent", "--outputPath=" + output]);
        if (expectSuccess)
        {
            code.ShouldBe(0, text);
        }
        else
        {
            code.ShouldNotBe(0, text);
        }
    }

    private static async Task<string> InstallAsync()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Cutover.slnx")))
        {
            root = root.Parent;
        }

        var toolPath = Path.Combine(root?.FullName ?? Path.GetTempPath(), ".peers", "grate-" + Version);
        var program = Path.Combine(toolPath, "grate");
        if (!File.Exists(program))
        {
            var (code, text) = await RunProcessAsync("dotnet",
                ["tool", "install", "grate", "--version", Version, "--tool-path", toolPath]);
            code.ShouldBe(0, text);
        }

        return program;
    }

    private static async Task<(int Code, string Output)> RunProcessAsync(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}
