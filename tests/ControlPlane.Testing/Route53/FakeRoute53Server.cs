using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Testing.Route53;

/// <summary>
/// A local Route 53 on 127.0.0.1 (Kestrel, random port) speaking the documented REST-XML wire format:
/// ChangeResourceRecordSets (all-or-nothing batches, exact-match DELETE, the batch limits, routing-policy
/// conflicts, InvalidChangeBatch in either shape), ListResourceRecordSets (listing order, paging),
/// GetChange (PENDING, then INSYNC after <see cref="FakeBehaviour.InSyncDelay"/>), Throttling,
/// PriorRequestNotComplete while a zone is processing a change, and SigV4 verification of every request.
/// It can be stopped and started again on the same port, keeping its zones.
/// </summary>
public sealed class FakeRoute53Server : IAsyncDisposable
{
    public const string AccessKeyId = "AKIDLOCALROUTE53";
    public const string SecretAccessKey = "local/route53/secret/key/for/tests/only";

    private readonly ConcurrentDictionary<string, FakeHostedZone> _zones = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeChange> _changes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeCredentials> _credentials = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private readonly object _rateGate = new();
    private WebApplication? _app;
    private int _changeCounter;
    private double _rateTokens;
    private DateTimeOffset _rateRefilledAt = DateTimeOffset.UtcNow;

    public FakeRoute53Server()
    {
        _credentials[AccessKeyId] = new FakeCredentials(SecretAccessKey);
    }

    public FakeBehaviour Behaviour { get; } = new();

    public int Port { get; private set; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    public IReadOnlyList<FakeRequest> Requests => _requests.ToArray();

    public IReadOnlyCollection<FakeChange> Changes => _changes.Values.ToList();

    public static async Task<FakeRoute53Server> StartNewAsync()
    {
        var server = new FakeRoute53Server();
        await server.StartAsync();
        return server;
    }

    public void AddCredentials(string accessKeyId, FakeCredentials credentials) => _credentials[accessKeyId] = credentials;

    public FakeHostedZone AddZone(string id, string name) => _zones[id] = new FakeHostedZone(id, name);

    /// <summary>Starts listening: on a random port the first time, on the same port after a stop.</summary>
    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, Port));
        var app = builder.Build();
        app.Run(HandleAsync);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await app.StartAsync();
                break;
            }
            catch (IOException e) when (attempt < 50 && e.InnerException is SocketException)
            {
                // The port of a stopped instance may take a moment to be free again.
                await Task.Delay(100);
            }
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address).Port;
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        var body = await ReadBodyAsync(context.Request);
        var now = DateTimeOffset.UtcNow;
        var path = context.Request.Path.Value ?? "/";
        var segments = path.Trim('/').Split('/');
        var operation = (context.Request.Method, segments) switch
        {
            ("POST", ["2013-04-01", "hostedzone", _, "rrset"]) when path.EndsWith('/') => "ChangeResourceRecordSets",
            ("GET", ["2013-04-01", "hostedzone", _, "rrset"]) => "ListResourceRecordSets",
            ("GET", ["2013-04-01", "change", _]) => "GetChange",
            _ => "Unknown",
        };

        if (FakeSigV4Verifier.Verify(context, body, _credentials, now) is { } authError)
        {
            await ErrorAsync(context, operation, authError, requestId);
            return;
        }

        if (Behaviour.TakeFailure())
        {
            await ErrorAsync(context, operation, new FakeError(500, "InternalFailure", "We encountered an internal error. Please try again."), requestId);
            return;
        }

        if (Behaviour.TakeThrottle() || !TakeRateToken(now))
        {
            await ErrorAsync(context, operation, new FakeError(400, "Throttling", "Rate exceeded"), requestId);
            return;
        }

        switch (operation)
        {
            case "ChangeResourceRecordSets":
                await ChangeAsync(context, segments[2], body, now, requestId);
                break;
            case "ListResourceRecordSets":
                await ListAsync(context, segments[2], requestId);
                break;
            case "GetChange":
                await GetChangeAsync(context, segments[2], now, requestId);
                break;
            default:
                await ErrorAsync(context, operation, new FakeError(404, "UnknownOperationException", $"No operation at {context.Request.Method} {path}"), requestId);
                break;
        }
    }

    private async Task ChangeAsync(HttpContext context, string zoneId, byte[] body, DateTimeOffset now, string requestId)
    {
        const string operation = "ChangeResourceRecordSets";
        if (!_zones.TryGetValue(zoneId, out var zone))
        {
            await ErrorAsync(context, operation, new FakeError(404, "NoSuchHostedZone", $"No hosted zone found with ID: {zoneId}"), requestId);
            return;
        }

        (string? Comment, List<(string Action, FakeRecordSet Set)> Changes) request;
        try
        {
            request = FakeRoute53Xml.ReadChangeRequest(body);
        }
        catch (FakeInputException e)
        {
            await ErrorAsync(context, operation, new FakeError(400, "InvalidInput", e.Message), requestId);
            return;
        }

        var weights = request.Changes.Select(c => c.Action == "UPSERT" ? 2 : 1).ToList();
        var records = request.Changes.Select((c, i) => c.Set.Values.Count * weights[i]).Sum();
        var characters = request.Changes.Select((c, i) => c.Set.Values.Sum(v => v.Length) * weights[i]).Sum();
        FakeError? refusal = null;
        IReadOnlyList<string> messages = [];
        FakeChange? accepted = null;
        lock (zone.Gate)
        {
            if (now < zone.BusyUntil)
            {
                refusal = new FakeError(400, "PriorRequestNotComplete", "The request was rejected because Route 53 was still processing a prior request.");
            }
            else
            {
                if (Behaviour.BeforeNextChange is { } edit)
                {
                    Behaviour.BeforeNextChange = null;
                    edit(zone);
                }

                messages = FakeChangeValidator.Apply(zone, request.Changes, records, characters);
                if (messages.Count == 0)
                {
                    var id = "C" + Interlocked.Increment(ref _changeCounter).ToString("X6", CultureInfo.InvariantCulture) + "LOCAL";
                    accepted = new FakeChange(id, now, now + Behaviour.InSyncDelay, request.Comment, request.Changes);
                    _changes[id] = accepted;
                    zone.BusyUntil = now + Behaviour.ChangeProcessingTime;
                }
            }
        }

        if (refusal is not null)
        {
            await ErrorAsync(context, operation, refusal, requestId);
        }
        else if (messages.Count > 0)
        {
            _requests.Enqueue(new FakeRequest(operation, 400, "InvalidChangeBatch", now, request.Changes.Count, records, characters));
            await WriteAsync(context, 400, FakeRoute53Xml.InvalidChangeBatch(messages, Behaviour.InvalidChangeBatchShape, requestId));
        }
        else if (Behaviour.TakeLostResponse())
        {
            await ErrorAsync(context, operation, new FakeError(500, "InternalFailure", "We encountered an internal error. Please try again."), requestId);
        }
        else
        {
            _requests.Enqueue(new FakeRequest(operation, 200, null, now, request.Changes.Count, records, characters));
            await WriteAsync(context, 200, FakeRoute53Xml.ChangeInfo("ChangeResourceRecordSetsResponse", accepted!, now));
        }
    }

    private async Task ListAsync(HttpContext context, string zoneId, string requestId)
    {
        const string operation = "ListResourceRecordSets";
        if (!_zones.TryGetValue(zoneId, out var zone))
        {
            await ErrorAsync(context, operation, new FakeError(404, "NoSuchHostedZone", $"No hosted zone found with ID: {zoneId}"), requestId);
            return;
        }

        var query = context.Request.Query;
        string? name = query["name"], type = query["type"], identifier = query["identifier"], maxItemsText = query["maxitems"];
        if ((type is not null && name is null) || (identifier is not null && type is null))
        {
            await ErrorAsync(context, operation, new FakeError(400, "InvalidInput", "The input is not valid: type requires name, identifier requires type"), requestId);
            return;
        }

        var maxItems = 300;
        if (maxItemsText is not null && (!int.TryParse(maxItemsText, CultureInfo.InvariantCulture, out maxItems) || maxItems < 1))
        {
            await ErrorAsync(context, operation, new FakeError(400, "InvalidInput", $"maxitems '{maxItemsText}' is not valid"), requestId);
            return;
        }

        var pageSize = Math.Min(Math.Min(maxItems, 300), Behaviour.MaxPageSize);
        var all = zone.RecordSets;
        var start = name is null
            ? 0
            : all.TakeWhile(s => ListingOrder.Compare((s.Name, type is null ? null : s.Type, s.SetIdentifier), (FakeHostedZone.Canonical(Unescape(name)), type, identifier)) < 0).Count();
        var page = all.Skip(start).Take(pageSize).ToList();
        var next = all.Skip(start + page.Count).FirstOrDefault();

        var response = new XElement(FakeRoute53Xml.Ns + "ListResourceRecordSetsResponse",
            new XElement(FakeRoute53Xml.Ns + "ResourceRecordSets", page.Select(FakeRoute53Xml.WriteRecordSet)),
            new XElement(FakeRoute53Xml.Ns + "IsTruncated", next is null ? "false" : "true"));
        if (next is not null)
        {
            response.Add(new XElement(FakeRoute53Xml.Ns + "NextRecordName", next.Name), new XElement(FakeRoute53Xml.Ns + "NextRecordType", next.Type));
            if (next.SetIdentifier is not null)
            {
                response.Add(new XElement(FakeRoute53Xml.Ns + "NextRecordIdentifier", next.SetIdentifier));
            }
        }

        response.Add(new XElement(FakeRoute53Xml.Ns + "MaxItems", maxItems.ToString(CultureInfo.InvariantCulture)));
        _requests.Enqueue(new FakeRequest(operation, 200, null, DateTimeOffset.UtcNow));
        await WriteAsync(context, 200, FakeRoute53Xml.Document(response));
    }

    private async Task GetChangeAsync(HttpContext context, string changeId, DateTimeOffset now, string requestId)
    {
        if (!_changes.TryGetValue(changeId, out var change))
        {
            await ErrorAsync(context, "GetChange", new FakeError(404, "NoSuchChange", $"A change with the specified change ID does not exist: {changeId}"), requestId);
            return;
        }

        _requests.Enqueue(new FakeRequest("GetChange", 200, null, now));
        await WriteAsync(context, 200, FakeRoute53Xml.ChangeInfo("GetChangeResponse", change, now));
    }

    private bool TakeRateToken(DateTimeOffset now)
    {
        if (Behaviour.RequestsPerSecond is not { } rate)
        {
            return true;
        }

        lock (_rateGate)
        {
            _rateTokens = Math.Min(rate, _rateTokens + ((now - _rateRefilledAt).TotalSeconds * rate));
            _rateRefilledAt = now;
            if (_rateTokens < 1)
            {
                return false;
            }

            _rateTokens -= 1;
            return true;
        }
    }

    private async Task ErrorAsync(HttpContext context, string operation, FakeError error, string requestId)
    {
        _requests.Enqueue(new FakeRequest(operation, error.StatusCode, error.Code, DateTimeOffset.UtcNow));
        await WriteAsync(context, error.StatusCode, FakeRoute53Xml.ErrorResponse(error.Code, error.Message, requestId));
    }

    private static async Task WriteAsync(HttpContext context, int status, string xml)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync(xml);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static string Unescape(string name) => name.Replace("\\052", "*", StringComparison.Ordinal);
}
