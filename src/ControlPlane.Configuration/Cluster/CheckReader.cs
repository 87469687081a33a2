using ControlPlane.Configuration.Values;
using ControlPlane.Configuration.Yaml;
using ControlPlane.Core.Definitions;

namespace ControlPlane.Configuration.Cluster;

/// <summary>Reads one entry of <c>checks</c>.</summary>
internal static class CheckReader
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(1);
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(2);

    private static readonly (string, CheckType)[] Types =
        [("http", CheckType.Http), ("https", CheckType.Https), ("tcp", CheckType.Tcp)];

    private enum CheckType
    {
        Http,
        Https,
        Tcp,
    }

    public static CheckDefinition? Read(YamlValue item, ClusterReadContext context)
    {
        if (MappingReader.Open(item, context.Errors) is not { } map)
        {
            return null;
        }

        var defaults = new CheckDefinition { Id = string.Empty, Kind = CheckKind.Http };
        var id = context.DeclareId(map, context.Checks);
        var type = map.Choice("type", Types, required: true);
        var interval = map.Duration("interval", MinInterval, DurationText.Max) ?? defaults.Interval;
        var jitter = map.Number("jitter", 0, 0.5) ?? defaults.Jitter;
        var connectField = map.Field("connectTimeout");
        var timeout = map.Duration("timeout", MinTimeout, DurationText.Max) ?? defaults.Timeout;
        var connectTimeout = ReadConnectTimeout(connectField, timeout, context.Errors);
        var port = map.Integer("port", 1, 65535);

        HttpCheckDefinition? http = null;
        if (map.Field("http") is { } httpField)
        {
            if (type == CheckType.Tcp)
            {
                context.Errors.Add(httpField.Path, "is only allowed for http and https checks; this check's type is tcp", httpField.At);
            }

            http = HttpCheckReader.Read(httpField, type is null ? null : type == CheckType.Https, timeout, context.Errors);
        }
        else if (type is CheckType.Http or CheckType.Https)
        {
            http = new HttpCheckDefinition();
        }

        map.RejectUnknown();
        if (id is not null)
        {
            context.CheckSummaries.TryAdd(id, new CheckSummary(type is null ? null : type == CheckType.Tcp ? CheckKind.Tcp : CheckKind.Http, port));
        }

        return new CheckDefinition
        {
            Id = id ?? string.Empty,
            Kind = type == CheckType.Tcp ? CheckKind.Tcp : CheckKind.Http,
            Interval = interval,
            Jitter = jitter,
            ConnectTimeout = connectTimeout,
            Timeout = timeout,
            Port = port,
            Http = type == CheckType.Tcp ? null : http is null ? null : http with { Tls = type == CheckType.Https },
        };
    }

    /// <summary>Default 2 s, or the timeout when that is shorter, so that setting only a short timeout is valid.</summary>
    private static TimeSpan ReadConnectTimeout(YamlValue? field, TimeSpan timeout, ErrorList errors)
    {
        var fallback = DefaultConnectTimeout < timeout ? DefaultConnectTimeout : timeout;
        if (field is not { } value || ValueReader.Duration(value, errors, MinTimeout, DurationText.Max) is not { } connect)
        {
            return fallback;
        }

        if (connect > timeout)
        {
            errors.Add(value.Path, $"{DurationText.Format(connect)} is longer than the check's timeout ({DurationText.Format(timeout)})", value.At);
        }

        return connect;
    }
}
