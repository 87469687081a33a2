using ControlPlane.Silo.Cli;

return await CliApp.RunAsync(args);
