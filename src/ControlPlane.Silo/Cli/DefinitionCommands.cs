using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;

namespace ControlPlane.Silo.Cli;

/// <summary><c>apply</c>: validate a cluster definition locally, then store it as the new version through a silo's API (admin key).</summary>
internal static class DefinitionCommands
{
    public static void AddTo(RootCommand root, ApiConnection api)
    {
        var file = new Argument<FileInfo>("file") { Description = "Cluster definition file (YAML)" };
        var apply = new Command("apply", "Validate a cluster definition and store it as the new version through a silo's API (needs an admin key).") { file };
        apply.SetAction(parse => ApplyAsync(parse, api, parse.GetValue(file)!.FullName));
        root.Subcommands.Add(apply);
    }

    private static async Task<int> ApplyAsync(ParseResult parse, ApiConnection api, string path)
    {
        using (var probe = api.Client(parse))
        {
            if (probe is null)
            {
                return ExitCodes.Usage;
            }
        }

        var local = SiloCommands.Validate(path, "cluster");
        if (local != ExitCodes.Ok)
        {
            return local;
        }

        return await api.RunAsync(parse, async (client, format) =>
        {
            var content = new StringContent(await File.ReadAllTextAsync(path), Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
            var response = await client.SendAsync(HttpMethod.Put, "/api/v1/definition", content, CancellationToken.None,
                r => r.Headers.Add("X-Applied-By", $"cli {Environment.UserName}@{Environment.MachineName}"));
            return CliOutput.Show(client, response, format, json => CliOutput.Line($"applied {path}: version {json.Text("version")}"));
        });
    }
}
