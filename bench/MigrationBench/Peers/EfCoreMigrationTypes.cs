using System.Reflection;
using System.Reflection.Emit;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MigrationBench.Peers;

/// <summary>One migration class per script, as <c>dotnet ef migrations add</c> would have written them
/// (<c>[Migration("00000000000001_step_1")] class Step1 : Migration</c>), emitted once at start-up instead of
/// 500 generated files; EF Core identifies a migration by its type's <c>[Migration]</c> attribute.</summary>
internal sealed class EfCoreMigrationTypes
{
    public EfCoreMigrationTypes(MigrationWorkspace migrations)
    {
        var name = new AssemblyName("MigrationBench.EfCoreMigrations");
        Assembly = AssemblyBuilder.DefineDynamicAssembly(name, AssemblyBuilderAccess.Run);
        var module = ((AssemblyBuilder)Assembly).DefineDynamicModule(name.Name!);
        var attribute = typeof(MigrationAttribute).GetConstructor([typeof(string)])!;
        var types = new SortedDictionary<string, TypeInfo>(StringComparer.Ordinal);
        var scripts = new Dictionary<TypeInfo, string>();
        foreach (var migration in migrations.Migrations)
        {
            var id = $"{migration.Number:00000000000000}_{migration.Description}";
            var type = module.DefineType($"Step{migration.Number}", TypeAttributes.Public | TypeAttributes.Sealed,
                typeof(EfCoreScriptMigration));
            type.SetCustomAttribute(new CustomAttributeBuilder(attribute, [id]));
            type.DefineDefaultConstructor(MethodAttributes.Public);
            var created = type.CreateTypeInfo()!;
            types.Add(id, created);
            scripts.Add(created, migration.Sql);
        }

        Types = types;
        Scripts = scripts;
    }

    public Assembly Assembly { get; }

    /// <summary>Migration ids in order, with their classes.</summary>
    public IReadOnlyDictionary<string, TypeInfo> Types { get; }

    public IReadOnlyDictionary<TypeInfo, string> Scripts { get; }
}
