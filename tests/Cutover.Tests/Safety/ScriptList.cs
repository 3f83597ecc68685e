using Cutover.Scripts;

namespace Cutover.Tests.Safety;

/// <summary>Migration scripts held in memory, for lint tests: a file name and a body each.</summary>
public sealed class ScriptList(params (string FileName, string Body)[] scripts) : IScriptSource
{
    public string Description => "memory";

    public Task<IReadOnlyList<ScriptFile>> ReadMigrationsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ScriptFile>>([.. scripts.Select(s => new ScriptFile(s.FileName, "db/" + s.FileName, s.Body))]);

    public Task<ScriptFile?> ReadSchemaAsync(CancellationToken cancellationToken = default) => Task.FromResult<ScriptFile?>(null);
}
