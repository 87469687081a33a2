using System.CommandLine;

namespace ControlPlane.Silo.Cli;

/// <summary>
/// The <c>controlplane</c> command line: one file per command group, each adding its commands to the
/// root. A parse error (unknown command or option, missing argument, bad value) prints what is wrong
/// and exits 2 (<see cref="ExitCodes.Usage"/>); <c>--help</c> works on every command.
/// </summary>
/// <remarks>
/// A new command group is a file <c>FooCommands.cs</c> with <c>AddTo(RootCommand root, ApiConnection api)</c>
/// and one line below. Its actions use <see cref="ApiConnection.RunAsync"/> for a client (with the key
/// and server of the shared options), <see cref="CliOutput"/> for tables, JSON and errors, and return
/// an <see cref="ExitCodes"/> value (<see cref="ApiResponse.ExitCode"/> maps an HTTP status).
/// </remarks>
internal static class CliApp
{
    public static RootCommand Build()
    {
        var root = new RootCommand("ControlPlane: distributed health checking and DNS failover.");
        var api = new ApiConnection();
        api.AddTo(root);
        SiloCommands.AddTo(root);
        DefinitionCommands.AddTo(root, api);
        StatusCommands.AddTo(root, api);
        DecisionCommands.AddTo(root, api);
        DrainCommands.AddTo(root, api);
        MaintenanceCommands.AddTo(root, api);
        KeyCommands.AddTo(root, api);
        WebhookCommands.AddTo(root, api);
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message);
            }

            var command = string.Join(' ', parse.CommandResult.Command is RootCommand ? [] : new[] { parse.CommandResult.Command.Name });
            await Console.Error.WriteLineAsync($"Run 'controlplane {(command.Length == 0 ? string.Empty : command + " ")}--help' for usage.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync();
    }
}
