using ControlPlane.Clustering.Cassandra;
using ControlPlane.Clustering.Sqlite;
using ControlPlane.Configuration.Silo;
using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Silo;

/// <summary>Registers the Orleans membership table of the configured store: a table in the SQLite file, or in the Cassandra keyspace.</summary>
internal static class MembershipTables
{
    public static void Add(IServiceCollection services, SiloSettings settings)
    {
        if (settings.Store.Kind == StoreKind.Cassandra && settings.Store.Cassandra is { } cassandra)
        {
            var options = new CassandraMembershipOptions
            {
                ContactPoints = cassandra.ContactPoints.ToList(),
                Port = cassandra.Port,
                LocalDatacenter = cassandra.LocalDatacenter,
                Keyspace = cassandra.Keyspace,
                Username = cassandra.Username,
                Password = cassandra.PasswordFile is { } file ? File.ReadAllText(file).TrimEnd('\r', '\n') : null,
            };
            foreach (var (datacenter, factor) in cassandra.Replication)
            {
                options.Replication[datacenter] = factor;
            }

            services.AddCassandraMembership(options);
            return;
        }

        services.AddSqliteMembership(new SqliteMembershipOptions { DatabasePath = settings.Store.Sqlite!.Path });
    }
}
