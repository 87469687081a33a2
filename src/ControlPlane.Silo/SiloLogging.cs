using ControlPlane.Configuration.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace ControlPlane.Silo;

/// <summary>The silo's Serilog pipeline: levels and format from <c>logging</c> in the silo settings, overrides from <c>Serilog__*</c> environment variables, HTTP request logging.</summary>
internal static class SiloLogging
{
    private const string ConsoleTemplate = "{Timestamp:HH:mm:ss.fff} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}";
    private const string FileTemplate = "{Timestamp:O} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static Serilog.Core.Logger CreateLogger(LoggingSettings logging)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(Level(logging.Level))
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Polly", LogEventLevel.Warning) // Orleans' placement retry pipeline logs every attempt at Information
            .MinimumLevel.Override("Orleans", LogEventLevel.Warning)
            .MinimumLevel.Override("Orleans.Runtime.MembershipService", LogEventLevel.Information) // joins, suspicions, deaths
            .ReadFrom.Configuration(new ConfigurationBuilder().AddEnvironmentVariables().Build()) // e.g. Serilog__MinimumLevel__Override__Orleans=Debug
            .Enrich.FromLogContext()
            .WriteTo.Console(Formatter(logging.Format, ConsoleTemplate));
        if (logging.File is { } file)
        {
            configuration = configuration.WriteTo.File(Formatter(logging.Format, FileTemplate), file);
        }

        return configuration.CreateLogger();
    }

    /// <summary>One event per HTTP request; scrapes and health polls only at Debug unless they fail.</summary>
    public static void UseRequestLogging(WebApplication app) =>
        app.UseSerilogRequestLogging(o => o.GetLevel = (context, _, exception) =>
            exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
            : IsPolled(context.Request.Path) && context.Response.StatusCode < 400 ? LogEventLevel.Debug
            : LogEventLevel.Information);

    private static bool IsPolled(PathString path) => path == "/metrics" || path == "/healthz";

    private static ITextFormatter Formatter(SiloLogFormat format, string template) =>
        format == SiloLogFormat.Json ? new RenderedCompactJsonFormatter() : new MessageTemplateTextFormatter(template);

    private static LogEventLevel Level(SiloLogLevel level) => level switch
    {
        SiloLogLevel.Verbose => LogEventLevel.Verbose,
        SiloLogLevel.Debug => LogEventLevel.Debug,
        SiloLogLevel.Warning => LogEventLevel.Warning,
        SiloLogLevel.Error => LogEventLevel.Error,
        _ => LogEventLevel.Information,
    };
}
