using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;

namespace ControlPlane.Clustering.Cassandra;

/// <summary>Registers the Cassandra membership table as the silo's <see cref="IMembershipTable"/>.</summary>
public static class CassandraMembershipServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Cassandra membership table as the singleton <see cref="IMembershipTable"/> (call no
    /// <c>Use...Clustering</c> besides). It reads ServiceId and ClusterId from
    /// <see cref="IOptions{ClusterOptions}"/>, so configure <see cref="ClusterOptions"/> too.
    /// The options are validated now; every problem is listed in one <see cref="ArgumentException"/>.
    /// </summary>
    public static IServiceCollection AddCassandraMembership(this IServiceCollection services, CassandraMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        services.AddSingleton<IMembershipTable>(sp => new CassandraMembershipTable(
            options, sp.GetRequiredService<IOptions<ClusterOptions>>(), sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        return services;
    }
}
