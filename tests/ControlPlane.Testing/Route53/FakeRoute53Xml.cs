using System.Globalization;
using System.Xml.Linq;

namespace ControlPlane.Testing.Route53;

/// <summary>The local Route 53's reading of requests and writing of responses, after the published model.</summary>
internal static class FakeRoute53Xml
{
    public static readonly XNamespace Ns = "https://route53.amazonaws.com/doc/2013-04-01/";

    /// <summary>The members of <c>ResourceRecordSet</c> in model order; the schema rejects any other order.</summary>
    private static readonly string[] RecordSetOrder =
    [
        "Name", "Type", "SetIdentifier", "Weight", "Region", "GeoLocation", "Failover", "MultiValueAnswer", "TTL",
        "ResourceRecords", "AliasTarget", "HealthCheckId", "TrafficPolicyInstanceId", "CidrRoutingConfig", "GeoProximityLocation",
    ];

    /// <summary>Parses a ChangeResourceRecordSetsRequest; throws <see cref="FakeInputException"/> the way the schema check would.</summary>
    public static (string? Comment, List<(string Action, FakeRecordSet Set)> Changes) ReadChangeRequest(byte[] body)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(new MemoryStream(body));
        }
        catch (System.Xml.XmlException e)
        {
            throw new FakeInputException($"Invalid XML ; {e.Message}");
        }

        var root = document.Root!;
        if (root.Name != Ns + "ChangeResourceRecordSetsRequest")
        {
            throw new FakeInputException($"Invalid XML ; cvc-elt.1: Cannot find the declaration of element '{root.Name.LocalName}'.");
        }

        var batch = root.Element(Ns + "ChangeBatch") ?? throw new FakeInputException("Invalid XML ; ChangeBatch is required.");
        var changes = batch.Element(Ns + "Changes")?.Elements(Ns + "Change").ToList() ?? [];
        if (changes.Count == 0)
        {
            throw new FakeInputException("1 validation error detected: Value null at 'changeBatch.changes' failed to satisfy constraint: Member must not be null");
        }

        var result = new List<(string, FakeRecordSet)>();
        foreach (var change in changes)
        {
            var action = (string?)change.Element(Ns + "Action");
            if (action is not ("CREATE" or "DELETE" or "UPSERT"))
            {
                throw new FakeInputException($"Invalid XML ; value '{action}' of element 'Action' is not valid.");
            }

            result.Add((action, ReadRecordSet(change.Element(Ns + "ResourceRecordSet") ?? throw new FakeInputException("Invalid XML ; ResourceRecordSet is required."))));
        }

        return ((string?)batch.Element(Ns + "Comment"), result);
    }

    private static FakeRecordSet ReadRecordSet(XElement e)
    {
        var position = -1;
        foreach (var child in e.Elements())
        {
            var index = child.Name.Namespace == Ns ? Array.IndexOf(RecordSetOrder, child.Name.LocalName) : -1;
            if (index <= position)
            {
                throw new FakeInputException($"Invalid XML ; cvc-complex-type.2.4.a: Invalid content was found starting with element '{child.Name.LocalName}'.");
            }

            position = index;
        }

        var failover = (string?)e.Element(Ns + "Failover");
        if (failover is not (null or "PRIMARY" or "SECONDARY"))
        {
            throw new FakeInputException($"Invalid XML ; value '{failover}' of element 'Failover' is not valid.");
        }

        return new FakeRecordSet
        {
            Name = FakeHostedZone.Canonical((string?)e.Element(Ns + "Name") ?? throw new FakeInputException("Invalid XML ; Name is required.")),
            Type = (string?)e.Element(Ns + "Type") ?? throw new FakeInputException("Invalid XML ; Type is required."),
            SetIdentifier = (string?)e.Element(Ns + "SetIdentifier"),
            Weight = (long?)e.Element(Ns + "Weight"),
            Failover = failover,
            MultiValueAnswer = (bool?)e.Element(Ns + "MultiValueAnswer"),
            Ttl = (long?)e.Element(Ns + "TTL"),
            Values = e.Element(Ns + "ResourceRecords")?.Elements(Ns + "ResourceRecord").Select(r => (string)r.Element(Ns + "Value")!).ToList() ?? [],
            HealthCheckId = (string?)e.Element(Ns + "HealthCheckId"),
        };
    }

    public static XElement WriteRecordSet(FakeRecordSet set)
    {
        var e = new XElement(Ns + "ResourceRecordSet", new XElement(Ns + "Name", Escape(set.Name)), new XElement(Ns + "Type", set.Type));
        if (set.SetIdentifier is not null)
        {
            e.Add(new XElement(Ns + "SetIdentifier", set.SetIdentifier));
        }

        if (set.Weight is not null)
        {
            e.Add(new XElement(Ns + "Weight", set.Weight));
        }

        if (set.Failover is not null)
        {
            e.Add(new XElement(Ns + "Failover", set.Failover));
        }

        if (set.MultiValueAnswer is not null)
        {
            e.Add(new XElement(Ns + "MultiValueAnswer", set.MultiValueAnswer.Value ? "true" : "false"));
        }

        if (set.Ttl is not null)
        {
            e.Add(new XElement(Ns + "TTL", set.Ttl));
        }

        e.Add(new XElement(Ns + "ResourceRecords", set.Values.Select(v => new XElement(Ns + "ResourceRecord", new XElement(Ns + "Value", v)))));
        if (set.HealthCheckId is not null)
        {
            e.Add(new XElement(Ns + "HealthCheckId", set.HealthCheckId));
        }

        return e;
    }

    public static string ChangeInfo(string rootName, FakeChange change, DateTimeOffset now)
    {
        var info = new XElement(Ns + "ChangeInfo",
            new XElement(Ns + "Id", "/change/" + change.Id),
            new XElement(Ns + "Status", change.IsInSync(now) ? "INSYNC" : "PENDING"),
            new XElement(Ns + "SubmittedAt", change.SubmittedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)));
        if (change.Comment is not null)
        {
            info.Add(new XElement(Ns + "Comment", change.Comment));
        }

        return Document(new XElement(Ns + rootName, info));
    }

    public static string ErrorResponse(string code, string message, string requestId) =>
        Document(new XElement(Ns + "ErrorResponse",
            new XElement(Ns + "Error", new XElement(Ns + "Type", "Sender"), new XElement(Ns + "Code", code), new XElement(Ns + "Message", message)),
            new XElement(Ns + "RequestId", requestId)));

    public static string InvalidChangeBatch(IReadOnlyList<string> messages, InvalidChangeBatchShape shape, string requestId) =>
        shape == InvalidChangeBatchShape.LegacyRoot
            ? Document(new XElement(Ns + "InvalidChangeBatch",
                new XElement(Ns + "Messages", messages.Select(m => new XElement(Ns + "Message", m))),
                new XElement(Ns + "RequestId", requestId)))
            : ErrorResponse("InvalidChangeBatch", messages.Count == 1 ? messages[0] : $"[{string.Join(", ", messages)}]", requestId);

    public static string Document(XElement root) => "<?xml version=\"1.0\"?>\n" + root.ToString(SaveOptions.DisableFormatting);

    /// <summary>Route 53 lists special characters octal-escaped, <c>*</c> as <c>\052</c>.</summary>
    private static string Escape(string name) => name.Replace("*", "\\052", StringComparison.Ordinal);
}
