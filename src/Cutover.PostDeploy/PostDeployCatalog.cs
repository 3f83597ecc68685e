using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Cutover.PostDeploy;

/// <summary>The declared post-deploy actions (and the tenant provider, if one is declared) found in assemblies,
/// ordered by id.</summary>
/// <remarks><para>Immutable and thread-safe once built.</para>
/// <para>Building a catalog finds actions by reflection (attributes, methods, constructors), so it is annotated as
/// needing unreferenced code; loading assemblies by path (<see cref="LoadFrom"/>) also needs the JIT, which a NativeAOT
/// program does not have.</para></remarks>
public sealed class PostDeployCatalog
{
    private const string FindsActionsByReflection =
        "Finds [PostDeploy] classes and methods by reflection: trimming may remove the actions, their methods or their " +
        "constructors.";

    private readonly ImmutableDictionary<string, PostDeployActionDescriptor> _byId;

    private PostDeployCatalog(
        ImmutableArray<PostDeployActionDescriptor> actions,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] Type? tenantProviderType)
    {
        Actions = actions;
        TenantProviderType = tenantProviderType;
        _byId = actions.ToImmutableDictionary(a => a.Id, StringComparer.Ordinal);
    }

    /// <summary>The actions, in ordinal order of their ids (the order they run in).</summary>
    internal ImmutableArray<PostDeployActionDescriptor> Actions { get; }

    /// <summary>The one concrete <see cref="IPostDeployTenantProvider"/> the assemblies declare, if any.</summary>
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)]
    internal Type? TenantProviderType { get; }

    /// <summary>Finds every action declared in <paramref name="assemblies"/>.</summary>
    /// <exception cref="PostDeployDefinitionException">Ids clash, an attribute sits on a class that does not
    /// implement <see cref="IPostDeployAction"/>, a method has an unsupported signature, or several tenant providers
    /// are declared.</exception>
    [RequiresUnreferencedCode(FindsActionsByReflection)]
    public static PostDeployCatalog FromAssemblies(params IEnumerable<Assembly> assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var problems = new List<string>();
        var types = new List<Type>();
        foreach (var assembly in assemblies)
        {
            try
            {
                types.AddRange(assembly.GetTypes());
            }
            catch (ReflectionTypeLoadException e)
            {
                problems.Add($"{assembly.GetName().Name}: some types could not be loaded: " +
                    string.Join("; ", e.LoaderExceptions.Select(l => l?.Message).Distinct()));
                types.AddRange(e.Types.OfType<Type>());
            }
        }

        return Build(types, discoverTenantProvider: true, problems);
    }

    /// <summary>Builds a catalog from the given action types only (classes or classes with action methods); no
    /// tenant provider is discovered.</summary>
    /// <exception cref="PostDeployDefinitionException">As for <see cref="FromAssemblies"/>.</exception>
    [RequiresUnreferencedCode(FindsActionsByReflection)]
    public static PostDeployCatalog FromTypes(params IEnumerable<Type> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        return Build(types, discoverTenantProvider: false, []);
    }

    /// <summary>Loads application assemblies by path, each in a load context of its own that resolves its private
    /// dependencies from its <c>.deps.json</c>, and finds their actions: what <c>cutover deploy --assembly</c>
    /// does.</summary>
    /// <exception cref="PostDeployDefinitionException">A file is missing or not an assembly, or as for
    /// <see cref="FromAssemblies"/>; every problem is reported at once.</exception>
    [RequiresUnreferencedCode(FindsActionsByReflection)]
    [RequiresDynamicCode("Loads assemblies by path, which needs the JIT: a NativeAOT program cannot run their code.")]
    public static PostDeployCatalog LoadFrom(params IEnumerable<string> assemblyPaths)
    {
        ArgumentNullException.ThrowIfNull(assemblyPaths);
        var problems = new List<string>();
        var assemblies = new List<Assembly>();
        foreach (var given in assemblyPaths)
        {
            var path = Path.GetFullPath(given);
            if (!File.Exists(path))
            {
                problems.Add($"{given}: no such file");
                continue;
            }

            try
            {
                var context = new PostDeployActionLoadContext(path);
                assemblies.Add(context.LoadFromAssemblyPath(path));
            }
            catch (BadImageFormatException e)
            {
                problems.Add($"{given}: not a .NET assembly: {e.Message}");
            }
            catch (FileLoadException e)
            {
                problems.Add($"{given}: could not be loaded: {e.Message}");
            }
        }

        if (problems.Count > 0)
        {
            throw new PostDeployDefinitionException([.. problems]);
        }

        return FromAssemblies(assemblies);
    }

    /// <summary>Finds an action by id.</summary>
    internal bool TryFind(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PostDeployActionDescriptor? action) =>
        _byId.TryGetValue(id, out action);

    [RequiresUnreferencedCode(FindsActionsByReflection)]
    private static PostDeployCatalog Build(IEnumerable<Type> types, bool discoverTenantProvider, List<string> problems)
    {
        var actions = new List<PostDeployActionDescriptor>();
        var providers = new List<Type>();
        const BindingFlags methodFlags =
            BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        foreach (var type in types.Distinct())
        {
            if (discoverTenantProvider && type is { IsClass: true, IsAbstract: false } &&
                typeof(IPostDeployTenantProvider).IsAssignableFrom(type))
            {
                providers.Add(type);
            }

            if (type.GetCustomAttribute<PostDeployAttribute>() is { } classAttribute)
            {
                if (type.IsAbstract || !typeof(IPostDeployAction).IsAssignableFrom(type))
                {
                    problems.Add($"{type.FullName}: [PostDeploy(\"{classAttribute.Id}\")] needs a concrete class " +
                        $"implementing {nameof(IPostDeployAction)}");
                }
                else
                {
                    actions.Add(new(classAttribute.Id, classAttribute.Description, classAttribute.Auto, classAttribute.Stage,
                        classAttribute.Release, type, null));
                }
            }

            foreach (var method in type.GetMethods(methodFlags))
            {
                if (method.GetCustomAttribute<PostDeployAttribute>() is not { } methodAttribute)
                {
                    continue;
                }

                var returns = method.ReturnType;
                if (returns != typeof(Task) && returns != typeof(ValueTask) && returns != typeof(void))
                {
                    problems.Add($"{type.FullName}.{method.Name}: a post-deploy method returns Task, ValueTask or void");
                }
                else if (method.IsGenericMethodDefinition || type.IsGenericTypeDefinition)
                {
                    problems.Add($"{type.FullName}.{method.Name}: a post-deploy method cannot be generic");
                }
                else if (!method.IsStatic && type.IsAbstract)
                {
                    problems.Add($"{type.FullName}.{method.Name}: an instance post-deploy method needs a concrete class");
                }
                else
                {
                    actions.Add(new(methodAttribute.Id, methodAttribute.Description, methodAttribute.Auto, methodAttribute.Stage,
                        methodAttribute.Release, type, method));
                }
            }
        }

        foreach (var action in actions)
        {
            if (string.IsNullOrWhiteSpace(action.Id) || action.Id.Length > 200 || action.Id.Any(char.IsControl) ||
                action.Id.Trim().Length != action.Id.Length)
            {
                problems.Add($"{action.CodeName}: post-deploy id '{action.Id}' must be 1-200 characters, without " +
                    "control characters or surrounding spaces");
            }
        }

        foreach (var action in actions.Where(a => a.Release is not null && !Scripts.ScriptVersion.TryParse(a.Release, out _)))
        {
            problems.Add($"{action.CodeName}: Release = \"{action.Release}\" is not a version: expected numbers separated " +
                "by dots, as in the migration names (02.00.00)");
        }

        foreach (var action in actions.Where(a => !Enum.IsDefined(a.Stage)))
        {
            problems.Add($"{action.CodeName}: Stage = {(int)action.Stage} is not a PostDeployStage");
        }

        foreach (var clash in actions.GroupBy(a => a.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"duplicate post-deploy id '{clash.Key}': " + string.Join(", ", clash.Select(a => a.CodeName)));
        }

        if (providers.Count > 1)
        {
            problems.Add("several tenant providers are declared; keep one: " +
                string.Join(", ", providers.Select(p => p.FullName)));
        }

        if (problems.Count > 0)
        {
            throw new PostDeployDefinitionException([.. problems]);
        }

        return new PostDeployCatalog(
            [.. actions.OrderBy(a => a.Id, StringComparer.Ordinal)], providers.SingleOrDefault());
    }
}
