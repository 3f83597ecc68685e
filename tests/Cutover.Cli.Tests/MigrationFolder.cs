namespace Cutover.Cli.Tests;

/// <summary>A temporary project folder with a <c>migrations/</c> folder a test writes scripts into.</summary>
public sealed class MigrationFolder : IDisposable
{
    public MigrationFolder()
    {
        Root = Directory.CreateTempSubdirectory("cutover-cli-").FullName;
        Migrations = Path.Combine(Root, "migrations");
        Directory.CreateDirectory(Migrations);
    }

    public string Root { get; }

    public string Migrations { get; }

    public MigrationFolder With(string fileName, string body)
    {
        File.WriteAllText(Path.Combine(Migrations, fileName), body);
        return this;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
