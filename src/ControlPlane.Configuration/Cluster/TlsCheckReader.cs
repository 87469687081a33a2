using ControlPlane.Configuration.Values;
using ControlPlane.Configuration.Yaml;
using ControlPlane.Core.Definitions;

namespace ControlPlane.Configuration.Cluster;

/// <summary>Reads the <c>tls</c> map of a tls check.</summary>
internal static class TlsCheckReader
{
    private static readonly string[] Versions = ["1.2", "1.3"];

    public static TlsCheckDefinition Read(MappingReader? map, ErrorList errors)
    {
        var defaults = new TlsCheckDefinition();
        if (map is null)
        {
            return defaults;
        }

        var serverName = map.Text("serverName");
        if (serverName is not null && map.Field("serverName") is { } nameField && DnsNameText.HostNameProblem(serverName) is { } problem)
        {
            errors.Add(nameField.Path, problem, nameField.At);
        }

        var caBundle = ReadAbsolutePath(map, "caBundle");
        var minVersion = map.Word("minVersion", Versions) ?? defaults.MinVersion;
        var validate = map.Bool("validateCertificate") ?? defaults.ValidateCertificate;
        var warnBefore = map.Duration("warnBefore", TimeSpan.Zero, DurationText.MaxDays) ?? defaults.WarnBefore;
        var failBefore = map.Duration("failBefore", TimeSpan.Zero, DurationText.MaxDays) ?? defaults.FailBefore;
        if (failBefore > warnBefore && map.Field("failBefore") is { } failField)
        {
            errors.Add(failField.Path, $"{DurationText.Format(failBefore)} is longer than warnBefore ({DurationText.Format(warnBefore)}): the warning could never show", failField.At);
        }

        map.RejectUnknown();
        return new TlsCheckDefinition
        {
            ServerName = serverName,
            CaBundle = caBundle,
            MinVersion = minVersion,
            ValidateCertificate = validate,
            WarnBefore = warnBefore,
            FailBefore = failBefore,
        };
    }

    /// <summary>A path on the probing silo: absolute, since silos run from different directories. Its existence is checked when probing.</summary>
    public static string? ReadAbsolutePath(MappingReader map, string field)
    {
        var path = map.Text(field);
        if (path is not null && !path.StartsWith('/') && map.Field(field) is { } at)
        {
            map.Errors.Add(at.Path, $"{YamlText.Quote(path)} must be an absolute path (it is read on each probing silo)", at.At);
        }

        return path;
    }
}
