using System.Diagnostics;

namespace ControlPlane.Testing;

/// <summary>Waits for a server process to answer an HTTP path with success.</summary>
public static class HttpReadiness
{
    /// <summary>
    /// Polls <paramref name="path"/> every 100 ms until it answers 2xx (true) or <paramref name="timeout"/>
    /// passes (false); throws with <paramref name="output"/> as soon as <paramref name="process"/> exits.
    /// </summary>
    public static async Task<bool> WaitAsync(Process process, HttpClient http, string path, TimeSpan timeout, CapturedOutput output)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Path.GetFileName(process.StartInfo.FileName)} exited with {process.ExitCode}:\n{output}");
            }

            try
            {
                using var response = await http.GetAsync(path);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        return false;
    }
}
