using ControlPlane.Configuration.Yaml;
using ControlPlane.Core.Definitions;

namespace ControlPlane.Configuration.Cluster;

/// <summary>Reads the <c>grpc</c> map of a grpc check.</summary>
internal static class GrpcCheckReader
{
    public static GrpcCheckDefinition Read(MappingReader? map)
    {
        var defaults = new GrpcCheckDefinition();
        if (map is null)
        {
            return defaults;
        }

        var service = map.Field("service") is { } field ? ValueReader.Text(field, map.Errors) : null;
        var tls = map.Bool("tls") ?? defaults.Tls;
        var validate = map.Bool("validateCertificate");
        if (validate is not null && !tls && map.Field("validateCertificate") is { } at)
        {
            map.Errors.Add(at.Path, "applies only with tls: true", at.At);
        }

        map.RejectUnknown();
        return new GrpcCheckDefinition { Service = service ?? string.Empty, Tls = tls, ValidateCertificate = validate ?? defaults.ValidateCertificate };
    }
}
