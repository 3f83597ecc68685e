using System.Reflection;
using System.Reflection.Emit;
using Cutover.PostDeploy;
using Shouldly;

namespace Cutover.Tests.PostDeploy;

public sealed class PostDeployCatalogTests
{
    [Fact]
    public void FromTypes_finds_class_and_method_actions_ordered_by_id()
    {
        var catalog = PostDeployCatalog.FromTypes(typeof(SqlBackfill), typeof(ManualActions), typeof(CountingBackfill));

        catalog.Actions.Select(a => a.Id).ShouldBe([
            "2026-11-backfill-items-counter", "2026-11-backfill-items-sql", ManualActions.Flaky, ManualActions.Manual]);
        catalog.Actions.Single(a => a.Id == ManualActions.Flaky).Method!.Name.ShouldBe(nameof(ManualActions.CallAsync));
    }

    [Fact]
    public void Duplicate_ids_and_bad_declarations_are_all_reported_at_once()
    {
        var error = Should.Throw<PostDeployDefinitionException>(() =>
            PostDeployCatalog.FromTypes(EmitBadDeclarations()));

        error.Problems.Length.ShouldBe(3);
        error.Problems.ShouldContain(p => p.Contains("duplicate post-deploy id 'dup'", StringComparison.Ordinal));
        error.Problems.ShouldContain(p => p.Contains("NotAnAction", StringComparison.Ordinal));
        error.Problems.ShouldContain(p => p.Contains("BadReturn.Compute", StringComparison.Ordinal));
    }

    [Fact]
    public void FromAssemblies_discovers_the_declared_tenant_provider()
    {
        var catalog = PostDeployCatalog.FromAssemblies(typeof(PostDeployCatalogTests).Assembly);

        catalog.TenantProviderType.ShouldBe(typeof(SchemaTenants));
        catalog.TryFind(ManualActions.Manual, out _).ShouldBeTrue();
    }

    [Fact]
    public void LoadFrom_loads_an_assembly_by_path_sharing_the_contract_types_with_the_host()
    {
        var catalog = PostDeployCatalog.LoadFrom(typeof(PostDeployCatalogTests).Assembly.Location);

        catalog.TryFind(ManualActions.Manual, out var action).ShouldBeTrue();
        // A second copy of the test assembly, but the same Cutover.dll: its class actions are IPostDeployActions.
        action.DeclaringType.ShouldNotBe(typeof(ManualActions));
        catalog.TryFind("2026-11-backfill-items-sql", out var sql).ShouldBeTrue();
        typeof(IPostDeployAction).IsAssignableFrom(sql.DeclaringType).ShouldBeTrue();
    }

    [Fact]
    public void LoadFrom_reports_every_missing_file()
    {
        var error = Should.Throw<PostDeployDefinitionException>(() => PostDeployCatalog.LoadFrom("a/none.dll", "b/none.dll"));

        error.Problems.Length.ShouldBe(2);
    }

    // Emitted rather than declared, so that the test assembly itself stays a valid catalog for the tests above.
    private static Type[] EmitBadDeclarations()
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("BadPostDeployActions"), AssemblyBuilderAccess.Run);
        var module = assembly.DefineDynamicModule("BadPostDeployActions");
        var attribute = typeof(PostDeployAttribute).GetConstructor([typeof(string)])!;

        Type StaticMethod(string typeName, string methodName, string id, Type returns)
        {
            var type = module.DefineType(typeName, TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed);
            var method = type.DefineMethod(methodName, MethodAttributes.Public | MethodAttributes.Static, returns, Type.EmptyTypes);
            var il = method.GetILGenerator();
            if (returns == typeof(int))
            {
                il.Emit(OpCodes.Ldc_I4_1);
            }
            else if (returns == typeof(Task))
            {
                il.Emit(OpCodes.Call, typeof(Task).GetProperty(nameof(Task.CompletedTask))!.GetMethod!);
            }

            il.Emit(OpCodes.Ret);
            method.SetCustomAttribute(new CustomAttributeBuilder(attribute, [id]));
            return type.CreateType();
        }

        var notAnAction = module.DefineType("NotAnAction", TypeAttributes.Public | TypeAttributes.Sealed);
        notAnAction.SetCustomAttribute(new CustomAttributeBuilder(attribute, ["not-an-action"]));
        return
        [
            StaticMethod("DuplicateA", "Run", "dup", typeof(void)),
            StaticMethod("DuplicateB", "RunAsync", "dup", typeof(Task)),
            notAnAction.CreateType(),
            StaticMethod("BadReturn", "Compute", "bad-return", typeof(int)),
        ];
    }
}
