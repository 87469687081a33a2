using ControlPlane.Configuration.Values;
using ControlPlane.Configuration.Yaml;
using ControlPlane.Core.Assertions;
using ControlPlane.Core.Definitions;

namespace ControlPlane.Configuration.Cluster;

/// <summary>Reads one entry of <c>checks</c>.</summary>
internal static class CheckReader
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(1);
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(2);

    private static readonly (string, CheckType)[] Types =
    [
        ("http", CheckType.Http), ("https", CheckType.Https), ("tcp", CheckType.Tcp), ("tls", CheckType.Tls),
        ("dns", CheckType.Dns), ("grpc", CheckType.Grpc), ("composite", CheckType.Composite),
    ];

    /// <summary>The kind-specific sections, and the type each belongs to.</summary>
    private static readonly (string Section, CheckType[] Types)[] Sections =
    [
        ("http", [CheckType.Http, CheckType.Https]), ("tls", [CheckType.Tls]), ("dns", [CheckType.Dns]),
        ("grpc", [CheckType.Grpc]), ("composite", [CheckType.Composite]),
    ];

    private enum CheckType
    {
        Http,
        Https,
        Tcp,
        Tls,
        Dns,
        Grpc,
        Composite,
    }

    public static CheckDefinition? Read(YamlValue item, ClusterReadContext context)
    {
        if (MappingReader.Open(item, context.Errors) is not { } map)
        {
            return null;
        }

        var errors = context.Errors;
        var defaults = new CheckDefinition { Id = string.Empty, Kind = CheckKind.Http };
        var id = context.DeclareId(map, context.Checks);
        var type = map.Choice("type", Types, required: true);
        var interval = map.Duration("interval", MinInterval, DurationText.Max) ?? defaults.Interval;
        var fastInterval = map.Duration("fastInterval", MinInterval, DurationText.Max);
        if (fastInterval > interval && map.Field("fastInterval") is { } fastField)
        {
            errors.Add(fastField.Path, $"{DurationText.Format(fastInterval.Value)} is longer than the interval ({DurationText.Format(interval)}); the fast recheck interval is for re-probing sooner", fastField.At);
        }

        var jitter = map.Number("jitter", 0, 0.5) ?? defaults.Jitter;
        var connectField = map.Field("connectTimeout");
        var timeout = map.Duration("timeout", MinTimeout, DurationText.Max) ?? defaults.Timeout;
        var connectTimeout = ReadConnectTimeout(connectField, timeout, errors);
        var port = map.Integer("port", 1, 65535);
        var allowLinkLocal = map.Bool("allowLinkLocal") ?? false;
        RejectForeignSections(map, type);

        var kind = KindOf(type);
        HttpCheckDefinition? http = null;
        if (type is CheckType.Http or CheckType.Https)
        {
            http = map.Field("http") is { } httpField
                ? HttpCheckReader.Read(httpField, type == CheckType.Https, timeout, errors)
                : new HttpCheckDefinition();
            http = http is null ? null : http with { Tls = type == CheckType.Https };
        }

        var tls = type == CheckType.Tls ? TlsCheckReader.Read(map.Map("tls"), errors) : null;
        var dns = type == CheckType.Dns ? ReadDns(map, errors, allowLinkLocal) : null;
        var grpc = type == CheckType.Grpc ? GrpcCheckReader.Read(map.Map("grpc")) : null;
        if (type == CheckType.Composite)
        {
            if (CompositeCheckReader.Read(id, map.Map("composite"), item, errors) is { } pending)
            {
                context.PendingComposites.Add(pending);
            }
        }

        var assertions = ReadAssertions(map, type, http);
        map.RejectUnknown();
        if (id is not null)
        {
            context.CheckSummaries.TryAdd(id, new CheckSummary(type is null ? null : kind, port));
        }

        return new CheckDefinition
        {
            Id = id ?? string.Empty,
            Kind = kind,
            Interval = interval,
            FastInterval = fastInterval,
            Jitter = jitter,
            ConnectTimeout = connectTimeout,
            Timeout = timeout,
            Port = port,
            Http = http,
            Tls = tls,
            Dns = dns,
            Grpc = grpc,
            Assertions = assertions,
        };
    }

    private static CheckKind KindOf(CheckType? type) => type switch
    {
        CheckType.Tcp => CheckKind.Tcp,
        CheckType.Tls => CheckKind.Tls,
        CheckType.Dns => CheckKind.Dns,
        CheckType.Grpc => CheckKind.Grpc,
        CheckType.Composite => CheckKind.Composite,
        _ => CheckKind.Http,
    };

    private static DnsCheckDefinition? ReadDns(MappingReader map, ErrorList errors, bool allowLinkLocal)
    {
        if (map.Map("dns", required: true) is not { } dns)
        {
            return null;
        }

        return DnsCheckReader.Read(dns, errors, allowLinkLocal);
    }

    /// <summary>A section of another kind (<c>http</c> on a tcp check) is an error naming the kinds it belongs to.</summary>
    private static void RejectForeignSections(MappingReader map, CheckType? type)
    {
        foreach (var (section, types) in Sections)
        {
            if (map.Field(section) is { } field && type is { } t && !types.Contains(t))
            {
                var owners = string.Join(" and ", types.Select(x => x.ToString().ToLowerInvariant()));
                map.Errors.Add(field.Path, $"is only allowed for {owners} checks; this check's type is {t.ToString().ToLowerInvariant()}", field.At);
            }
        }
    }

    private static List<Condition> ReadAssertions(MappingReader map, CheckType? type, HttpCheckDefinition? http)
    {
        var scope = type switch
        {
            CheckType.Http => ConditionScope.Http,
            CheckType.Https => ConditionScope.Https,
            CheckType.Tcp => ConditionScope.Tcp,
            CheckType.Tls => ConditionScope.Tls,
            CheckType.Dns => ConditionScope.Dns,
            CheckType.Grpc => ConditionScope.Grpc,
            _ => null,
        };
        if (map.Field("assert") is { } field && (scope is null || http is { Steps.Count: > 0 }))
        {
            var why = scope is null ? "a composite check passes by its children; put conditions on them" : "a transaction's conditions belong to its steps (http.steps[i].assert)";
            map.Errors.Add(field.Path, why, field.At);
            return [];
        }

        return scope is null ? [] : ConditionReader.ReadAll(map, "assert", scope);
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
