using FluentMigrator;

namespace MigrationBench.Peers;

/// <summary>A FluentMigrator migration that runs one SQL script, as a C# team would write one per script
/// (<c>Execute.Sql</c>).</summary>
internal sealed class FluentScriptMigration(string sql) : Migration
{
    public override void Up() => Execute.Sql(sql);

    public override void Down() => throw new NotSupportedException("the benchmark only migrates up");
}
