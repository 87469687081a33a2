using System.Net;

namespace ControlPlane.Cql;

/// <summary>Entry point: connects to a cluster described by <see cref="CqlClusterOptions"/>.</summary>
public static class CqlCluster
{
    /// <summary>
    /// Validates the options, negotiates the protocol version with the first contact point that answers,
    /// discovers the nodes and datacenters, and opens the connection pools of the local datacenter.
    /// </summary>
    public static async Task<ICqlSession> ConnectAsync(CqlClusterOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid CQL cluster options: " + string.Join(" ", errors), nameof(options));
        }
        var contactPoints = new List<IPEndPoint>();
        foreach (var point in options.ContactPoints)
        {
            if (IPAddress.TryParse(point, out var address))
            {
                contactPoints.Add(new IPEndPoint(address, options.Port));
                continue;
            }
            foreach (var resolved in await Dns.GetHostAddressesAsync(point, cancellationToken))
            {
                contactPoints.Add(new IPEndPoint(resolved, options.Port));
            }
        }
        var session = new CqlSession(options);
        try
        {
            await session.InitializeAsync(contactPoints, cancellationToken);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }
}
