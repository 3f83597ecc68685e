using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.Loader;

namespace Cutover.PostDeploy;

/// <summary>Loads an application assembly and its private dependencies (from its <c>.deps.json</c>) for the CLI,
/// while assemblies the host already has (Cutover, Npgsql, Microsoft.Extensions.*) come from the host so that
/// <see cref="IPostDeployAction"/> and <see cref="PostDeployContext"/> are the same types on both sides.</summary>
[RequiresUnreferencedCode("Loads application assemblies, whose dependencies on the host trimming cannot see.")]
internal sealed class PostDeployActionLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver _resolver;
    private readonly HashSet<string> _hostAssemblies;

    public PostDeployActionLoadContext(string mainAssemblyPath)
        : base("cutover-post-deploy:" + Path.GetFileNameWithoutExtension(mainAssemblyPath), isCollectible: false)
    {
        _resolver = new AssemblyDependencyResolver(mainAssemblyPath);
        var trusted = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        _hostAssemblies = new HashSet<string>(
            trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(Path.GetFileNameWithoutExtension)
                .OfType<string>(),
            StringComparer.OrdinalIgnoreCase);
        foreach (var loaded in Default.Assemblies)
        {
            if (loaded.GetName().Name is { } name)
            {
                _hostAssemblies.Add(name);
            }
        }
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // Sharing the host's copy is what makes the contract types identical; a second copy of Cutover.dll would
        // make every action look like it implements some other IPostDeployAction.
        if (assemblyName.Name is { } name && _hostAssemblies.Contains(name))
        {
            return null;
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
