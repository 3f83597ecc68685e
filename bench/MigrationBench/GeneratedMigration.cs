namespace MigrationBench;

/// <summary>One generated migration: its number (1..N), its Cutover file name and its SQL.</summary>
internal sealed record GeneratedMigration(int Number, string FileName, string Sql)
{
    /// <summary>The name without version or extension, for tools that carry a description.</summary>
    public string Description => $"step_{Number}";
}
