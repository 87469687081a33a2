using System.Diagnostics;
using System.Text;

namespace ControlPlane.Testing;

/// <summary>Everything a child process writes to stdout and stderr, collected line by line as it comes (for failure messages and log assertions).</summary>
public sealed class CapturedOutput
{
    private readonly StringBuilder _text = new();

    /// <summary>Starts reading <paramref name="process"/>'s redirected stdout and stderr.</summary>
    public CapturedOutput(Process process)
    {
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_text)
        {
            _text.AppendLine(line);
        }
    }
}
