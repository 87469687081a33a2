using System.CommandLine;
using System.Net;
using ControlPlane.Configuration.Cluster;
using ControlPlane.Configuration.Silo;

namespace ControlPlane.Silo.Cli;

/// <summary>The local commands: <c>run</c> (a silo), <c>validate</c> (a file), <c>demo-target</c> (a small HTTP target).</summary>
internal static class SiloCommands
{
    public static void AddTo(RootCommand root)
    {
        var configOption = new Option<FileInfo>("--config", "-c") { Description = "Silo settings file (YAML), e.g. silo-config/silo.yaml", Required = true };
        var run = new Command("run", "Run a silo.") { configOption };
        run.SetAction(parse => SiloHost.RunAsync(parse.GetValue(configOption)!.FullName));
        root.Subcommands.Add(run);

        var fileArgument = new Argument<FileInfo>("file") { Description = "A silo settings file or a cluster definition file" };
        var kindOption = new Option<string?>("--kind") { Description = "silo or cluster; detected from the content when omitted" };
        kindOption.AcceptOnlyFromAmong("silo", "cluster");
        var validate = new Command("validate", "Check a settings or cluster definition file; prints every error with its path and exits 1 if there is any.") { fileArgument, kindOption };
        validate.SetAction(parse => Validate(parse.GetValue(fileArgument)!.FullName, parse.GetValue(kindOption)));
        root.Subcommands.Add(validate);

        var listenOption = new Option<string>("--listen") { Description = "ip:port on a loopback address, e.g. 127.0.0.2:8081", Required = true };
        var nameOption = new Option<string>("--name") { Description = "Name shown by the target", DefaultValueFactory = _ => "demo" };
        var demo = new Command("demo-target", "Serve a small HTTP target (GET /health) until stopped; POST /_demo/down and /_demo/up toggle it.") { listenOption, nameOption };
        demo.SetAction(parse => DemoTargetAsync(parse.GetValue(nameOption)!, parse.GetValue(listenOption)!));
        root.Subcommands.Add(demo);
    }

    public static int Validate(string path, string? kind)
    {
        kind ??= LooksLikeSiloSettings(path) ? "silo" : "cluster";
        var errors = kind == "silo"
            ? SiloSettingsParser.LoadFile(path).Errors
            : ClusterDefinitionParser.LoadFile(path, SiloHost.DnsProviderFactories()).Errors;
        if (errors.Count == 0)
        {
            Console.WriteLine($"{path}: valid {(kind == "silo" ? "silo settings" : "cluster definition")}");
            return ExitCodes.Ok;
        }

        Console.Error.WriteLine($"{path}: {errors.Count} error(s)");
        foreach (var error in errors)
        {
            Console.Error.WriteLine("  " + error);
        }

        return ExitCodes.Failed;
    }

    private static async Task<int> DemoTargetAsync(string name, string listen)
    {
        if (!IPEndPoint.TryParse(listen, out var endpoint) || endpoint.Port == 0 || !IPAddress.IsLoopback(endpoint.Address))
        {
            Console.Error.WriteLine($"--listen: '{listen}' must be a loopback ip:port such as 127.0.0.2:8081");
            return ExitCodes.Usage;
        }

        await using var target = await DemoTarget.StartAsync(name, endpoint, CancellationToken.None);
        Console.WriteLine($"demo target {name} listening on http://{endpoint}/health");
        var stopped = new TaskCompletionSource();
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stopped.TrySetResult(); });
        using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c => { c.Cancel = true; stopped.TrySetResult(); });
        await stopped.Task;
        return ExitCodes.Ok;
    }

    private static bool LooksLikeSiloSettings(string path)
    {
        try
        {
            return File.ReadLines(path).Any(l => l.StartsWith("silo:", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
    }
}
