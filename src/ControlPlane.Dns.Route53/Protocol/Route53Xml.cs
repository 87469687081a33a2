using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace ControlPlane.Dns.Route53.Protocol;

/// <summary>The REST-XML bodies of the operations we use (API version 2013-04-01).</summary>
/// <remarks>
/// Route 53 validates requests against its schema, so elements are written in the order of the
/// published model (<c>botocore/data/route53/2013-04-01/service-2.json</c>). Errors come in two
/// shapes: the standard <c>ErrorResponse/Error</c> envelope, whose InvalidChangeBatch message lists
/// every problem as <c>[first, second]</c>, and the older <c>InvalidChangeBatch</c> root element with
/// one <c>Messages/Message</c> per problem. We branch on the root element, as aws-sdk-go-v2 does.
/// </remarks>
internal static class Route53Xml
{
    public static readonly XNamespace Ns = "https://route53.amazonaws.com/doc/2013-04-01/";

    /// <summary>The model order of <c>ResourceRecordSet</c> members after <c>Region</c>.</summary>
    private static readonly string[] OtherElementOrder = ["GeoLocation", "CidrRoutingConfig", "GeoProximityLocation"];

    public static byte[] WriteChangeBatch(IReadOnlyList<Change> changes, string? comment)
    {
        var batch = new XElement(Ns + "ChangeBatch");
        if (!string.IsNullOrEmpty(comment))
        {
            batch.Add(new XElement(Ns + "Comment", comment));
        }

        batch.Add(new XElement(Ns + "Changes", changes.Select(c => new XElement(
            Ns + "Change",
            new XElement(Ns + "Action", c.Action.ToString().ToUpperInvariant()),
            WriteRecordSet(c.RecordSet)))));

        var document = new XDocument(new XDeclaration("1.0", "UTF-8", null), new XElement(Ns + "ChangeResourceRecordSetsRequest", batch));
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            document.Save(writer);
        }

        return stream.ToArray();
    }

    public static XElement WriteRecordSet(ResourceRecordSet set)
    {
        var element = new XElement(Ns + "ResourceRecordSet",
            new XElement(Ns + "Name", set.Name),
            new XElement(Ns + "Type", set.Type));
        AddIf(element, "SetIdentifier", set.SetIdentifier);
        AddIf(element, "Weight", set.Weight?.ToString(CultureInfo.InvariantCulture));
        AddIf(element, "Region", set.Region);
        AddOther(element, set, "GeoLocation");
        AddIf(element, "Failover", set.Failover?.ToString().ToUpperInvariant());
        AddIf(element, "MultiValueAnswer", set.MultiValueAnswer is { } multi ? (multi ? "true" : "false") : null);
        AddIf(element, "TTL", set.Ttl?.ToString(CultureInfo.InvariantCulture));
        if (set.Values.Count > 0)
        {
            element.Add(new XElement(Ns + "ResourceRecords",
                set.Values.Select(v => new XElement(Ns + "ResourceRecord", new XElement(Ns + "Value", v)))));
        }

        if (set.AliasTarget is { } alias)
        {
            element.Add(new XElement(Ns + "AliasTarget",
                new XElement(Ns + "HostedZoneId", alias.HostedZoneId),
                new XElement(Ns + "DNSName", alias.DnsName),
                new XElement(Ns + "EvaluateTargetHealth", alias.EvaluateTargetHealth ? "true" : "false")));
        }

        AddIf(element, "HealthCheckId", set.HealthCheckId);
        AddIf(element, "TrafficPolicyInstanceId", set.TrafficPolicyInstanceId);
        AddOther(element, set, "CidrRoutingConfig");
        AddOther(element, set, "GeoProximityLocation");
        return element;
    }

    public static ChangeInfo ReadChangeInfo(XDocument document)
    {
        var info = document.Root?.Element(Ns + "ChangeInfo") ?? throw Malformed("ChangeInfo");
        var status = Required(info, "Status") switch
        {
            "PENDING" => ChangeStatus.Pending,
            "INSYNC" => ChangeStatus.InSync,
            var other => throw new FormatException($"unknown change status '{other}'"),
        };
        return new ChangeInfo(
            Route53Ids.Change(Required(info, "Id")),
            status,
            DateTimeOffset.Parse(Required(info, "SubmittedAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            (string?)info.Element(Ns + "Comment"));
    }

    public static RecordSetPage ReadRecordSetPage(XDocument document)
    {
        var root = document.Root ?? throw Malformed("ListResourceRecordSetsResponse");
        var sets = root.Element(Ns + "ResourceRecordSets")?.Elements(Ns + "ResourceRecordSet").Select(ReadRecordSet).ToList() ?? [];
        return new RecordSetPage(
            sets,
            string.Equals((string?)root.Element(Ns + "IsTruncated"), "true", StringComparison.OrdinalIgnoreCase),
            (string?)root.Element(Ns + "NextRecordName"),
            (string?)root.Element(Ns + "NextRecordType"),
            (string?)root.Element(Ns + "NextRecordIdentifier"));
    }

    public static ResourceRecordSet ReadRecordSet(XElement e)
    {
        var alias = e.Element(Ns + "AliasTarget");
        return new ResourceRecordSet
        {
            Name = Required(e, "Name"),
            Type = Required(e, "Type"),
            SetIdentifier = (string?)e.Element(Ns + "SetIdentifier"),
            Weight = (long?)e.Element(Ns + "Weight"),
            Region = (string?)e.Element(Ns + "Region"),
            Failover = (string?)e.Element(Ns + "Failover") switch
            {
                null => null,
                "PRIMARY" => FailoverRole.Primary,
                "SECONDARY" => FailoverRole.Secondary,
                var other => throw new FormatException($"unknown failover role '{other}'"),
            },
            MultiValueAnswer = (bool?)e.Element(Ns + "MultiValueAnswer"),
            Ttl = (long?)e.Element(Ns + "TTL"),
            Values = e.Element(Ns + "ResourceRecords")?.Elements(Ns + "ResourceRecord").Select(r => Required(r, "Value")).ToList() ?? [],
            AliasTarget = alias is null
                ? null
                : new AliasTarget(Required(alias, "HostedZoneId"), Required(alias, "DNSName"), (bool?)alias.Element(Ns + "EvaluateTargetHealth") ?? false),
            HealthCheckId = (string?)e.Element(Ns + "HealthCheckId"),
            TrafficPolicyInstanceId = (string?)e.Element(Ns + "TrafficPolicyInstanceId"),
            OtherElements = OtherElementOrder
                .Select(n => e.Element(Ns + n))
                .OfType<XElement>()
                .ToDictionary(x => x.Name.LocalName, x => new XElement(x)),
        };
    }

    /// <summary>Reads an error body of either shape; a body that is not XML still gives an error.</summary>
    public static Route53Error ReadError(int statusCode, string body)
    {
        XElement? root;
        try
        {
            root = XDocument.Parse(body).Root;
        }
        catch (XmlException)
        {
            root = null;
        }

        if (root is null)
        {
            var text = body.Length > 200 ? body[..200] : body;
            return new Route53Error(statusCode, $"Http{statusCode}", text, [text], null);
        }

        var requestId = (string?)root.Element(root.Name.Namespace + "RequestId");
        if (root.Name.LocalName == Route53Error.InvalidChangeBatch)
        {
            var messages = root.Element(root.Name.Namespace + "Messages")?.Elements(root.Name.Namespace + "Message")
                .Select(m => m.Value).ToList() ?? [];
            var single = (string?)root.Element(root.Name.Namespace + "Message");
            if (messages.Count == 0 && single is not null)
            {
                messages.Add(single);
            }

            return new Route53Error(statusCode, Route53Error.InvalidChangeBatch, single ?? "ChangeBatch errors occurred", messages, requestId);
        }

        var error = root.Element(root.Name.Namespace + "Error") ?? root;
        var code = (string?)error.Element(root.Name.Namespace + "Code") ?? $"Http{statusCode}";
        var message = (string?)error.Element(root.Name.Namespace + "Message") ?? string.Empty;
        var list = code == Route53Error.InvalidChangeBatch ? SplitBatchMessages(message) : [message];
        return new Route53Error(statusCode, code, message, list, requestId);
    }

    /// <summary>
    /// Splits <c>[first, second]</c> into its messages. Messages hold bracketed parts of their own
    /// (<c>[name='a.example.com.', type='A']</c>), so only commas outside any inner bracket separate.
    /// </summary>
    public static IReadOnlyList<string> SplitBatchMessages(string message)
    {
        var text = message.Trim();
        if (!(text.StartsWith('[') && text.EndsWith(']')))
        {
            return [text];
        }

        text = text[1..^1];
        var messages = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '[':
                    depth++;
                    break;
                case ']':
                    depth = Math.Max(0, depth - 1);
                    break;
                case ',' when depth == 0 && i + 1 < text.Length && text[i + 1] == ' ':
                    messages.Add(text[start..i].Trim());
                    start = i + 2;
                    break;
            }
        }

        messages.Add(text[start..].Trim());
        return messages.Where(m => m.Length > 0).ToList();
    }

    private static void AddIf(XElement parent, string name, string? value)
    {
        if (value is not null)
        {
            parent.Add(new XElement(Ns + name, value));
        }
    }

    private static void AddOther(XElement parent, ResourceRecordSet set, string name)
    {
        if (set.OtherElements.TryGetValue(name, out var element))
        {
            parent.Add(WithNamespace(element));
        }
    }

    private static XElement WithNamespace(XElement element) =>
        new(Ns + element.Name.LocalName,
            element.HasElements ? element.Elements().Select(WithNamespace) : element.Value);

    private static string Required(XElement parent, string name) =>
        (string?)parent.Element(Ns + name) ?? throw Malformed(name);

    private static FormatException Malformed(string element) => new($"Route 53 response lacks <{element}>");
}
