using System.CommandLine;

namespace ControlPlane.Silo.Cli;

/// <summary>
/// The options every API command shares, given once on the root and inherited by every subcommand:
/// <c>--server</c> (or <c>CONTROLPLANE_SERVER</c>), <c>--api-key</c> (or <c>CONTROLPLANE_API_KEY</c>), <c>--output</c>.
/// </summary>
internal sealed class ApiConnection
{
    public const string ServerVariable = "CONTROLPLANE_SERVER";
    public const string ApiKeyVariable = "CONTROLPLANE_API_KEY";
    public const string DefaultServer = "http://127.0.0.1:8480";

    public Option<string> Server { get; } = new("--server")
    {
        Description = $"A silo's API (default: ${ServerVariable}, else {DefaultServer})",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server ? server : DefaultServer,
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = $"API key sent as 'Authorization: Bearer' (default: ${ApiKeyVariable})",
        Recursive = true, // no default value: help would print the key
    };

    public Option<string> Output { get; } = CreateOutput();

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Server);
        root.Options.Add(ApiKey);
        root.Options.Add(Output);
    }

    /// <summary>The client for this invocation, or null (and a message on stderr) when <c>--server</c> is not an http(s) URL.</summary>
    public ApiClient? Client(ParseResult parse, TimeSpan? timeout = null)
    {
        var text = parse.GetValue(Server)!;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
        {
            Console.Error.WriteLine($"--server: '{text}' is not an http(s) URL such as {DefaultServer}");
            return null;
        }

        var key = parse.GetValue(ApiKey) ?? Environment.GetEnvironmentVariable(ApiKeyVariable);
        return new ApiClient(server, key, timeout ?? TimeSpan.FromSeconds(30));
    }

    public OutputFormat Format(ParseResult parse) => parse.GetValue(Output) == "json" ? OutputFormat.Json : OutputFormat.Table;

    private static Option<string> CreateOutput()
    {
        var output = new Option<string>("--output", "-o")
        {
            Description = "table (readable) or json (the API's answer, for scripts)",
            Recursive = true,
            DefaultValueFactory = _ => "table",
        };
        output.AcceptOnlyFromAmong("table", "json");
        return output;
    }

    /// <summary>Runs <paramref name="work"/> with a client: exit 2 for a bad <c>--server</c>, 1 when the silo cannot be reached.</summary>
    public async Task<int> RunAsync(ParseResult parse, Func<ApiClient, OutputFormat, Task<int>> work, TimeSpan? timeout = null)
    {
        using var client = Client(parse, timeout);
        if (client is null)
        {
            return ExitCodes.Usage;
        }

        try
        {
            return await work(client, Format(parse));
        }
        catch (HttpRequestException e)
        {
            return CliOutput.Unreachable(client.Server, e.Message);
        }
        catch (TaskCanceledException e) when (!e.CancellationToken.IsCancellationRequested)
        {
            return CliOutput.Unreachable(client.Server, "no answer in time");
        }
    }
}
