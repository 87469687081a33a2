using System.Globalization;

namespace ControlPlane.Probing.Http;

/// <summary>A <see cref="ConnectionRoute"/> with the synthetic host name it is known by inside the HTTP handler.</summary>
internal sealed class ConnectionRouteState(ConnectionRoute route, int id)
{
    private CachedUri? _uri;
    private long _certificateExpiresAtTicks;

    public ConnectionRoute Route { get; } = route;

    /// <summary>The request URI host; the HTTP handler keys its connection pools by it.</summary>
    public string HostLabel { get; } = "r" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Expiry of the certificate seen in the latest TLS handshake on this route.</summary>
    public DateTimeOffset? CertificateExpiresAt
    {
        get
        {
            var ticks = Volatile.Read(ref _certificateExpiresAtTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public void RecordCertificateExpiry(DateTimeOffset? expiresAt) =>
        Volatile.Write(ref _certificateExpiresAtTicks, expiresAt?.UtcTicks ?? 0);

    /// <summary>The request URI for <paramref name="pathAndQuery"/>; the last one is kept because a route nearly always serves one check.</summary>
    public Uri UriFor(string pathAndQuery)
    {
        var cached = _uri;
        if (cached is not null && ReferenceEquals(cached.PathAndQuery, pathAndQuery))
        {
            return cached.Uri;
        }

        var path = pathAndQuery.StartsWith('/') ? pathAndQuery : "/" + pathAndQuery;
        cached = new CachedUri(pathAndQuery, new Uri("http://" + HostLabel + path, UriKind.Absolute));
        _uri = cached;
        return cached.Uri;
    }

    private sealed record CachedUri(string PathAndQuery, Uri Uri);
}
