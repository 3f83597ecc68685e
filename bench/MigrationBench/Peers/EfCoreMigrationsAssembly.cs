using System.Reflection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MigrationBench.Peers;

/// <summary>Points EF Core's migrator at the emitted migration classes instead of scanning the context's
/// assembly.</summary>
internal sealed class EfCoreMigrationsAssembly(ICurrentDbContext currentContext) : IMigrationsAssembly
{
    private readonly EfCoreMigrationTypes _migrations = ((EfCoreBenchContext)currentContext.Context).Migrations;

    public IReadOnlyDictionary<string, TypeInfo> Migrations => _migrations.Types;

    // No model snapshot: the context maps no entities, so there is no model to compare.
    public ModelSnapshot? ModelSnapshot => null;

    public Assembly Assembly => _migrations.Assembly;

    public string? FindMigrationId(string nameOrId) => _migrations.Types.Keys.FirstOrDefault(id =>
        string.Equals(id, nameOrId, StringComparison.Ordinal) ||
        id.EndsWith("_" + nameOrId, StringComparison.Ordinal));

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (EfCoreScriptMigration)Activator.CreateInstance(migrationClass)!;
        migration.Script = _migrations.Scripts[migrationClass];
        migration.ActiveProvider = activeProvider;
        return migration;
    }
}
