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

    /// <summary>Writes a script byte for byte, for encodings and bytes that text would not survive.</summary>
    public MigrationFolder With(string fileName, byte[] bytes)
    {
        File.WriteAllBytes(Path.Combine(Migrations, fileName), bytes);
        return this;
    }

    /// <summary>Writes <c>schema.sql</c> beside the migrations folder, byte for byte.</summary>
    public MigrationFolder WithSchema(byte[] bytes)
    {
        File.WriteAllBytes(Path.Combine(Root, "schema.sql"), bytes);
        return this;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
