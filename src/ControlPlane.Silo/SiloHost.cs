using ControlPlane.Api;
using ControlPlane.Api.Access;
using ControlPlane.Api.Definitions;
using ControlPlane.Configuration;
using ControlPlane.Configuration.Cluster;
using ControlPlane.Configuration.Silo;
using ControlPlane.Dns;
using ControlPlane.Dns.Rfc2136;
using ControlPlane.Dns.Route53;
using ControlPlane.Dns.ZoneFile;
using ControlPlane.Grains;
using ControlPlane.Grains.Hosting;
using ControlPlane.Grains.Probe;
using ControlPlane.Grains.Service;
using ControlPlane.Probing;
using ControlPlane.Probing.Scheduling;
using ControlPlane.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using GrainSilo = ControlPlane.Grains.SiloIdentity;

namespace ControlPlane.Silo;

/// <summary>Runs one silo: store, the Orleans silo with the control-plane grains, probes, DNS providers, API; stops cleanly on SIGTERM or Ctrl+C.</summary>
internal static partial class SiloHost
{
    /// <summary>How often the silo looks for a newer cluster definition.</summary>
    private static readonly TimeSpan SyncEvery = TimeSpan.FromSeconds(1);

    /// <summary>Every DNS provider type this build supports.</summary>
    public static IReadOnlyList<IDnsProviderFactory> DnsProviderFactories(ILoggerFactory? loggerFactory = null, TimeProvider? time = null) =>
        [new ZoneFileDnsProviderFactory(), new Route53DnsProviderFactory(loggerFactory, time), new Rfc2136DnsProviderFactory(loggerFactory, time)];

    public static async Task<int> RunAsync(string settingsPath)
    {
        var loaded = SiloSettingsParser.LoadFile(settingsPath);
        if (!loaded.IsValid)
        {
            await Console.Error.WriteLineAsync($"{settingsPath}: {loaded.Errors.Count} error(s); the silo does not start:");
            foreach (var error in loaded.Errors)
            {
                await Console.Error.WriteLineAsync("  " + error);
            }

            return 2;
        }

        var settings = loaded.Value!;
        if (StoreFactory.Problem(settings.Store) is { } storeProblem)
        {
            await Console.Error.WriteLineAsync($"{settingsPath}: {storeProblem}; the silo does not start");
            return 2;
        }

        var (bootstrap, keyErrors) = BootstrapKeys.Load(settings.Api, Environment.GetEnvironmentVariable);
        if (keyErrors.Count > 0)
        {
            await Console.Error.WriteLineAsync($"{settingsPath}: {keyErrors.Count} error(s); the silo does not start:");
            foreach (var error in keyErrors)
            {
                await Console.Error.WriteLineAsync("  " + error);
            }

            return 2;
        }

        await using var serilog = SiloLogging.CreateLogger(settings.Logging);
        var factories = DnsProviderFactories();
        if (settings.Cluster.DefinitionFile is { } definitionFile)
        {
            var definition = ClusterDefinitionParser.LoadFile(definitionFile, factories);
            if (!definition.IsValid)
            {
                await Console.Error.WriteLineAsync($"{definitionFile}: {definition.Errors.Count} error(s); the silo does not start:");
                foreach (var error in definition.Errors)
                {
                    await Console.Error.WriteLineAsync("  " + error);
                }

                return 2;
            }
        }

        var app = Build(settings, serilog, bootstrap);
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ControlPlane.Silo");
        var store = app.Services.GetRequiredService<IControlPlaneStore>();
        await store.InitializeAsync(CancellationToken.None);
        if (bootstrap.Count == 0)
        {
            LogNoBootstrapKey(log, settings.Api.BootstrapKeyEnv);
        }

        if (settings.Cluster.DefinitionFile is { } file)
        {
            var yaml = await File.ReadAllTextAsync(file);
            var (stored, _) = await app.Services.GetRequiredService<DefinitionApplier>()
                .ApplyAsync(yaml, file, $"{settings.Silo.Id} start-up ({Path.GetFileName(file)})", CancellationToken.None);
            LogDefinitionFile(log, file, stored!.Version);
        }

        var demoTargets = new List<DemoTarget>();
        foreach (var target in settings.DemoTargets)
        {
            demoTargets.Add(await DemoTarget.StartAsync(target.Name, target.Listen, CancellationToken.None));
            LogDemoTarget(log, target.Name, target.Listen.ToString());
        }

        // The definition is loaded before the silo joins: peers may place grains here as soon as it is a member.
        var watcher = app.Services.GetRequiredService<DefinitionWatcher>();
        await watcher.RefreshAsync(CancellationToken.None);
        try
        {
            await app.StartAsync(); // starts the Orleans silo: joins the cluster through the membership table
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogJoinFailed(log, e);
            await Console.Error.WriteLineAsync($"The silo could not start: {e.Message}");
            return 2;
        }

        using var stopping = new CancellationTokenSource();
        var keeper = app.Services.GetRequiredService<GrainKeeper>();
        var keeping = Task.Run(() => keeper.RunAsync(stopping.Token));
        var observing = Task.Run(() => app.Services.GetRequiredService<ObservationWriter>().RunAsync(stopping.Token));
        var sync = Task.Run(() => SyncLoopAsync(watcher, app.Services.GetRequiredService<TimeProvider>(), log, stopping.Token));

        LogStarted(log, settings.Silo.Id, settings.Silo.Region, settings.Silo.Datacenter, settings.Api.Listen.ToString(), $"{settings.Cluster.SiloAddressOrDefault}:{settings.Cluster.SiloPort}");
        await app.WaitForShutdownAsync();

        LogStopping(log, settings.Silo.Id);
        await stopping.CancelAsync();
        await sync;
        await keeping;
        await observing;
        await app.StopAsync(); // Orleans deactivates grains and leaves the cluster
        foreach (var target in demoTargets)
        {
            await target.DisposeAsync();
        }

        await app.DisposeAsync();
        await store.DisposeAsync();
        return 0;
    }

    private static async Task SyncLoopAsync(DefinitionWatcher watcher, TimeProvider time, Microsoft.Extensions.Logging.ILogger log, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(SyncEvery, time, cancellationToken);
                await watcher.RefreshAsync(cancellationToken); // a new definition wakes the grain keeper
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogSyncFailed(log, e);
            }
        }
    }

    private static WebApplication Build(SiloSettings settings, Serilog.Core.Logger serilog, BootstrapKeys bootstrap)
    {
        // No reload-on-change of appsettings files (the silo reads none): its file watcher on the content root,
        // the folder that often holds the SQLite store, woke on every store write (a tenth of a busy
        // silo's CPU in a profile at 5,000 checks/s).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = settings.BaseDirectory,
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(serilog); // Serilog's levels decide; also the DiagnosticContext of request logging
        builder.WebHost.UseUrls(settings.Api.Listen.ToString());
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = settings.Api.MaxRequestBytes); // routes may raise it (the definition)
        builder.Services.AddControlPlaneAccess(settings.Api, bootstrap);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.Converters.Add(new ControlPlane.Storage.IPAddressJsonConverter());
        });
        builder.Services.AddOpenApi();

        var services = builder.Services;
        var silo = new GrainSilo(settings.Silo.Id, settings.Silo.Region, settings.Silo.Datacenter);
        var store = StoreFactory.Create(settings.Store, new Serilog.Extensions.Logging.SerilogLoggerFactory(serilog));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IControlPlaneStore>(store);
        services.AddSingleton(store.GrainState);
        services.AddSingleton(store.Observations);
        services.AddSingleton(new ClusterContext(silo));
        services.AddSingleton(sp => new DnsProviderRegistry(DnsProviderFactories(sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<TimeProvider>())));
        services.AddSingleton<IProbe>(sp => ProbeEngine.CreateDefault(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddMetricsExport();
        services.AddSingleton(new ProbeAdmission());
        services.AddSingleton<ProbeLag>();
        builder.UseOrleans(orleans => OrleansSetup.Configure(orleans, settings));
        services.AddSingleton<DefinitionApplier>();
        services.AddSingleton<DefinitionWatcher>();

        var app = builder.Build();
        SiloLogging.UseRequestLogging(app);
        app.UseControlPlaneAccess();
        var metrics = app.MapMetrics();
        if (settings.Api.OpenMetrics)
        {
            metrics.AllowAnonymous();
        }
        else
        {
            metrics.RequireAuthorization(AccessPolicies.Viewer);
        }

        app.MapOpenApi();
        app.MapControlPlaneApi();
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} started in region {Region}, datacenter {Datacenter}; API and status page on {Listen}; silo endpoint {SiloEndpoint}")]
    private static partial void LogStarted(Microsoft.Extensions.Logging.ILogger logger, string silo, string region, string datacenter, string listen, string siloEndpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No bootstrap admin key (api.bootstrapKeyFile is not set and ${Variable} is empty): only keys already in the store are accepted")]
    private static partial void LogNoBootstrapKey(Microsoft.Extensions.Logging.ILogger logger, string variable);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The silo could not join the cluster")]
    private static partial void LogJoinFailed(Microsoft.Extensions.Logging.ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} stopping: deactivating grains and leaving the cluster")]
    private static partial void LogStopping(Microsoft.Extensions.Logging.ILogger logger, string silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied cluster definition file {File}: stored version {Version}")]
    private static partial void LogDefinitionFile(Microsoft.Extensions.Logging.ILogger logger, string file, long version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo target {Name} listening on http://{Listen}/health")]
    private static partial void LogDemoTarget(Microsoft.Extensions.Logging.ILogger logger, string name, string listen);

    [LoggerMessage(Level = LogLevel.Error, Message = "Definition/grain sync failed")]
    private static partial void LogSyncFailed(Microsoft.Extensions.Logging.ILogger logger, Exception exception);
}
