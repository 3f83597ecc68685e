using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MigrationBench.Peers;

/// <summary>EF Core with the Npgsql provider: one migration class per script doing <c>migrationBuilder.Sql</c>,
/// applied with <c>context.Database.MigrateAsync()</c> (EF Core takes its migration lock for the run and commits each
/// migration in a transaction with its <c>__EFMigrationsHistory</c> row).</summary>
internal sealed class EfCorePeer(MigrationWorkspace migrations) : IPeer
{
    private readonly EfCoreMigrationTypes _types = new(migrations);

    public string Name => "EF Core, `Database.MigrateAsync`";

    public bool KeepsHistory => true;

    public bool RunsInProcess => true;

    public async Task ApplyAsync(RunTarget target)
    {
        var options = new DbContextOptionsBuilder<EfCoreBenchContext>()
            .UseNpgsql(target.ConnectionString)
            .ReplaceService<IMigrationsAssembly, EfCoreMigrationsAssembly>()
            .Options;
        await using var context = new EfCoreBenchContext(options, _types);
        await context.Database.MigrateAsync();
    }
}
