using System.Globalization;
using ControlPlane.Cql;
using Microsoft.Extensions.Logging;
using Log = ControlPlane.Clustering.Cassandra.CassandraMembershipTable.Log;

namespace ControlPlane.Clustering.Cassandra;

/// <summary>Creates the keyspace (when missing) and the membership table, once, even when several silos start at once.</summary>
/// <remarks>
/// Before Cassandra 4.0 two coordinators creating the same table at the same time each give it their
/// own id, and the nodes may disagree on the schema for good. So a silo that finds the table missing
/// creates a claim table with a unique, time-ordered name (unique names cannot clash), waits for schema
/// agreement and a settle period, and the oldest fresh claim creates the table; the others wait until
/// it exists. Claims older than <see cref="ClaimExpiry"/> are ignored, so a winner that died does not
/// block the next start. An existing table is left alone: restarts run no DDL. The keyspace has no id
/// and is created with IF NOT EXISTS by whoever needs it; while two definitions of it merge it can
/// briefly look missing on a node, so DDL is retried.
/// </remarks>
internal sealed class MembershipSchema(ICqlSession session, CassandraMembershipOptions options, ILogger logger)
{
    private const string ClaimPrefix = "membership_claim_";
    private const string ClaimTimeFormat = "yyyyMMddHHmmssfff";
    private static readonly TimeSpan ClaimSettle = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ClaimExpiry = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan WaitForWinner = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(300);

    private string Keyspace => options.Keyspace;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (await TablesAsync(cancellationToken) is null)
        {
            var replication = string.Join(", ", options.Replication.OrderBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => string.Create(CultureInfo.InvariantCulture, $"'{r.Key}': {r.Value}")));
            await DdlAsync($"CREATE KEYSPACE IF NOT EXISTS {Keyspace} WITH replication = {{'class': 'NetworkTopologyStrategy', {replication}}}", cancellationToken);
        }

        var tables = await TablesAsync(cancellationToken) ?? [];
        if (tables.Contains(MembershipCql.Table))
        {
            return;
        }

        string? claim = null;
        var deadline = DateTimeOffset.UtcNow + WaitForWinner;
        while (!tables.Contains(MembershipCql.Table))
        {
            var claims = tables.Where(IsFreshClaim).Order(StringComparer.Ordinal).ToList();
            if (claim is null && claims.Count == 0)
            {
                claim = string.Create(CultureInfo.InvariantCulture, $"{ClaimPrefix}{DateTimeOffset.UtcNow.ToString(ClaimTimeFormat, CultureInfo.InvariantCulture)}_{Random.Shared.Next():x8}");
                await DdlAsync($"CREATE TABLE IF NOT EXISTS {Keyspace}.{claim} (k int PRIMARY KEY)", cancellationToken);
                await Task.Delay(ClaimSettle, cancellationToken);
                await session.WaitForSchemaAgreementAsync(cancellationToken);
            }
            else if (claims.Count > 0 && claims[0] == claim)
            {
                Log.CreatingTable(logger, Keyspace, claim);
                await DdlAsync(new MembershipCql(Keyspace).CreateTable, cancellationToken);
            }
            else if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"keyspace {Keyspace}: table {MembershipCql.Table} was not created within {WaitForWinner.TotalSeconds} s by the silo holding claim {(claims.Count > 0 ? claims[0] : "(none)")}");
            }
            else
            {
                await Task.Delay(Poll, cancellationToken);
            }

            tables = await TablesAsync(cancellationToken) ?? [];
        }

        foreach (var table in tables.Where(t => t == claim || (t.StartsWith(ClaimPrefix, StringComparison.Ordinal) && !IsFreshClaim(t))))
        {
            await DdlAsync($"DROP TABLE IF EXISTS {Keyspace}.{table}", cancellationToken);
        }
    }

    /// <summary>The keyspace's tables as this node sees them, or null when the keyspace does not exist.</summary>
    private async Task<HashSet<string>?> TablesAsync(CancellationToken cancellationToken)
    {
        RowSet keyspaces, tables;
        try
        {
            keyspaces = await session.ExecuteAsync(Schema("SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?"), cancellationToken);
            tables = await session.ExecuteAsync(Schema("SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?"), cancellationToken);
        }
        catch (CqlInvalidQueryException)
        {
            // Cassandra 2.x has no system_schema keyspace.
            keyspaces = await session.ExecuteAsync(Schema("SELECT keyspace_name FROM system.schema_keyspaces WHERE keyspace_name = ?"), cancellationToken);
            tables = await session.ExecuteAsync(Schema("SELECT columnfamily_name FROM system.schema_columnfamilies WHERE keyspace_name = ?"), cancellationToken);
        }

        return keyspaces.Count == 0 ? null : tables.Select(r => r.Get<string>(0)).ToHashSet(StringComparer.Ordinal);
    }

    private SimpleStatement Schema(string cql) => new(cql, Keyspace) { Consistency = MembershipConsistency.Schema };

    private static bool IsFreshClaim(string table) =>
        table.StartsWith(ClaimPrefix, StringComparison.Ordinal)
        && table.Length >= ClaimPrefix.Length + ClaimTimeFormat.Length
        && DateTimeOffset.TryParseExact(table.AsSpan(ClaimPrefix.Length, ClaimTimeFormat.Length), ClaimTimeFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var at)
        && DateTimeOffset.UtcNow - at < ClaimExpiry;

    private async Task DdlAsync(string cql, CancellationToken cancellationToken)
    {
        // Every statement is idempotent (IF [NOT] EXISTS), so retrying is safe.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await session.ExecuteAsync(new SimpleStatement(cql) { Consistency = MembershipConsistency.Schema }, cancellationToken);
                break;
            }
            catch (Exception e) when (e is CqlConfigException or CqlInvalidQueryException && attempt < 10)
            {
                Log.DdlRetried(logger, Keyspace, attempt, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            }
        }

        if (!await session.WaitForSchemaAgreementAsync(cancellationToken))
        {
            Log.NoSchemaAgreement(logger, Keyspace, cql);
        }
    }
}
