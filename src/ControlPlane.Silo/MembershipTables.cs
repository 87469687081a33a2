using ControlPlane.Configuration.Silo;
using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Silo;

/// <summary>Registers the Orleans membership table of the configured store: the SQLite file or the Cassandra cluster.</summary>
internal static class MembershipTables
{
    public static void Add(IServiceCollection services, SiloSettings settings)
    {
        // Replaced by the SQLite and Cassandra tables once they land.
        services.AddSingleton<Orleans.IMembershipTable>(_ => throw new NotSupportedException("membership table not wired"));
    }
}
