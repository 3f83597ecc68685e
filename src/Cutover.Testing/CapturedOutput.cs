using System.Diagnostics;
using System.Text;

namespace Cutover.Testing;

/// <summary>Collects what a long-running child process prints on stdout and stderr, for the error message when it
/// stops early. Keeps the last lines only, so a chatty process cannot fill memory.</summary>
internal sealed class CapturedOutput
{
    private const int MaxLines = 200;
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    /// <summary>Starts reading both streams of <paramref name="process"/>, which must redirect them.</summary>
    public void Attach(Process process)
    {
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The lines kept so far, oldest first.</summary>
    public string Text()
    {
        lock (_gate)
        {
            return new StringBuilder().AppendJoin('\n', _lines).ToString();
        }
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _lines.Enqueue(line);
            if (_lines.Count > MaxLines)
            {
                _lines.Dequeue();
            }
        }
    }
}
