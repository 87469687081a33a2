using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;

namespace ControlPlane.Clustering.Sqlite;

/// <summary>Registers the SQLite membership table as the silo's <see cref="IMembershipTable"/>.</summary>
public static class SqliteMembershipServiceCollectionExtensions
{
    /// <summary>
    /// Adds the SQLite membership table as the singleton <see cref="IMembershipTable"/> (call no
    /// <c>Use...Clustering</c> besides). Every silo of the machine must name the same
    /// <see cref="SqliteMembershipOptions.DatabasePath"/>. It reads ServiceId and ClusterId from
    /// <see cref="IOptions{ClusterOptions}"/>. The options are validated now.
    /// </summary>
    public static IServiceCollection AddSqliteMembership(this IServiceCollection services, SqliteMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        services.AddSingleton<IMembershipTable>(sp => new SqliteMembershipTable(
            options, sp.GetRequiredService<IOptions<ClusterOptions>>(), sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        return services;
    }
}
