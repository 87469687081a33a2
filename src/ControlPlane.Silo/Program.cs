using System.CommandLine;
using ControlPlane.Silo;

var root = new RootCommand("ControlPlane: distributed health checking and DNS failover.");

var configOption = new Option<FileInfo>("--config", "-c") { Description = "Silo settings file (YAML), e.g. silo-config/silo.yaml", Required = true };
var run = new Command("run", "Run a silo.") { configOption };
run.SetAction(parse => SiloHost.RunAsync(parse.GetValue(configOption)!.FullName));
root.Subcommands.Add(run);

var fileArgument = new Argument<FileInfo>("file") { Description = "A silo settings file or a cluster definition file" };
var kindOption = new Option<string?>("--kind") { Description = "silo or cluster; detected from the content when omitted" };
kindOption.AcceptOnlyFromAmong("silo", "cluster");
var validate = new Command("validate", "Check a settings or cluster definition file; prints every error with its path and exits 1 if there is any.") { fileArgument, kindOption };
validate.SetAction(parse => Cli.Validate(parse.GetValue(fileArgument)!.FullName, parse.GetValue(kindOption)));
root.Subcommands.Add(validate);

var serverOption = new Option<string>("--server") { Description = "A silo's API, e.g. http://127.0.0.1:8480", Required = true };
var applyFile = new Argument<FileInfo>("file") { Description = "Cluster definition file (YAML)" };
var apply = new Command("apply", "Validate a cluster definition and store it as the new version through a silo's API.") { applyFile, serverOption };
apply.SetAction(parse => Cli.ApplyAsync(parse.GetValue(applyFile)!.FullName, parse.GetValue(serverOption)!));
root.Subcommands.Add(apply);

var listenOption = new Option<string>("--listen") { Description = "ip:port on a loopback address, e.g. 127.0.0.2:8081", Required = true };
var nameOption = new Option<string>("--name") { Description = "Name shown by the target", DefaultValueFactory = _ => "demo" };
var demo = new Command("demo-target", "Serve a small HTTP target (GET /health) until stopped; POST /_demo/down and /_demo/up toggle it.") { listenOption, nameOption };
demo.SetAction(parse => Cli.DemoTargetAsync(parse.GetValue(nameOption)!, parse.GetValue(listenOption)!));
root.Subcommands.Add(demo);

return await root.Parse(args).InvokeAsync();
