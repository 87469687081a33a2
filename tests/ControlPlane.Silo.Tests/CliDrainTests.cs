using System.Text.Json;

namespace ControlPlane.Silo.Tests;

/// <summary>The operator commands <c>drain</c>, <c>undrain</c> and <c>maintenance</c> against a real silo: waiting, exit codes, JSON output.</summary>
public sealed class CliDrainTests
{
    [Fact]
    public async Task Drain_and_undrain_wait_for_their_states_and_exit_codes_say_refused_not_found_and_usage()
    {
        await using var scenario = await SiloScenario.CreateAsync("multivalue", 2, ["maxUnavailable: 1"], "web-a", "web-b");
        var silo = await scenario.StartSiloAsync();
        await scenario.WaitForPublishedAsync(TimeSpan.FromSeconds(15), "web-a", "web-b");
        string[] server = ["--server", silo.Api.ToString(), "--output", "json"];
        string[] common = [.. server, "--timeout", "00:00:30"];

        var (code, output) = await Cli(scenario, ["drain", "web-a", "--reason", "kernel", "--wait", .. common]);
        Assert.True(code == 0, output);
        Assert.Equal("drained", Json(output).GetProperty("state").GetString());
        Assert.Equal([scenario.AddressOf("web-b")], scenario.PublishedAddresses());

        (code, output) = await Cli(scenario, ["drain", "web-b", .. common]);
        Assert.True(code == 4, output); // over maxUnavailable 1
        Assert.Contains("would exceed the disruption budget", output); // the CLI prints the API's error line

        (code, output) = await Cli(scenario, ["undrain", "web-a", "--wait", .. common]);
        Assert.True(code == 0, output);
        Assert.Equal("restored", Json(output).GetProperty("state").GetString());

        (code, _) = await Cli(scenario, ["drain", "nope", .. common]);
        Assert.Equal(3, code);
        (code, output) = await Cli(scenario, ["maintenance", "list", .. server]);
        Assert.True(code == 0, output);
        (code, _) = await Cli(scenario, ["maintenance", "bogus"]);
        Assert.Equal(2, code);
    }

    private static Task<(int ExitCode, string Output)> Cli(SiloScenario scenario, string[] args) => SiloProcess.RunToEndAsync(scenario.Directory, args);

    /// <summary>The JSON document the command printed (stdout; stderr lines, if any, come after it).</summary>
    private static JsonElement Json(string output) => JsonDocument.Parse(output[output.IndexOf('{')..(output.LastIndexOf('}') + 1)]).RootElement.Clone();
}
