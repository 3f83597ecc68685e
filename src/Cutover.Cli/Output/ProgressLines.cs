using Cutover.Execution;

namespace Cutover.Cli.Output;

/// <summary>Prints one line per script as it runs: <c>Applying 03.00.00_01_pre_x ... OK (12 ms)</c>. Synchronous on
/// purpose: <see cref="Progress{T}"/> would post to the thread pool and reorder the lines.</summary>
internal sealed class ProgressLines(TextWriter output) : IProgress<ScriptProgress>
{
    public void Report(ScriptProgress value)
    {
        switch (value.Stage)
        {
            case ScriptStage.Starting:
                output.Write($"Applying {value.Script.Name.Name} ... ");
                break;
            case ScriptStage.Retrying:
                output.WriteLine($"lock timeout, retrying (attempt {value.Attempt + 1})");
                break;
            case ScriptStage.Applied:
                output.WriteLine($"OK ({value.Elapsed.TotalMilliseconds:0} ms)");
                break;
            case ScriptStage.Failed:
                output.WriteLine("FAILED");
                break;
        }

        output.Flush();
    }
}
