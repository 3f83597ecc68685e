using Microsoft.EntityFrameworkCore.Migrations;

namespace MigrationBench.Peers;

/// <summary>The base of the generated EF Core migrations: <c>migrationBuilder.Sql(script)</c>, what a migration
/// written by hand around a SQL file does.</summary>
/// <remarks>Public because the migration classes EF Core needs (one type per migration: it reads the id from the
/// type's <c>[Migration]</c> attribute) are emitted into a dynamic assembly, which may only derive from public
/// types.</remarks>
public class EfCoreScriptMigration : Migration
{
    /// <summary>The script, set by <see cref="EfCoreMigrationsAssembly"/> when it creates the migration.</summary>
    public string Script { get; set; } = "";

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Script);
}
