using System.Globalization;
using ControlPlane.Cql;

namespace ControlPlane.Storage.Cassandra;

/// <summary>Creates or migrates the keyspace and tables, once, even when several silos start at once.</summary>
/// <remarks>
/// Before 4.0, Cassandra cannot create the same table from two coordinators at the same time: each gives
/// it its own id and the nodes may disagree on the schema for good. So one silo creates the tables,
/// elected without any shared table (which could itself race): a silo that finds the schema incomplete
/// and sees no fresh claim creates a claim table with a unique, time-ordered name, waits for schema
/// agreement and a settle period, and the oldest fresh claim wins. The winner creates what is missing
/// (IF NOT EXISTS, awaiting agreement after each statement); the others wait until the schema is
/// complete. Claims older than <see cref="ClaimExpiry"/> are ignored, so a winner that died does not
/// block the next start. A complete schema is left alone: restarts run no DDL at all.
/// The keyspace itself has no id and is created with IF NOT EXISTS by whoever needs it.
/// </remarks>
internal sealed class SchemaInitializer(CassandraContext db)
{
    private const string ClaimPrefix = "schema_claim_";
    private const string ClaimTimeFormat = "yyyyMMddHHmmss";
    private static readonly TimeSpan ClaimSettle = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ClaimExpiry = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan WaitForWinner = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(300);

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        var session = db.Session;
        var catalog = await SchemaCatalog.ReadAsync(session, db.Keyspace, cancellationToken);
        if (!catalog.KeyspaceExists)
        {
            var replication = string.Join(", ", db.Options.Replication.OrderBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => string.Create(CultureInfo.InvariantCulture, $"'{r.Key}': {r.Value}")));
            await DdlAsync($"CREATE KEYSPACE IF NOT EXISTS {db.Keyspace} WITH replication = {{'class': 'NetworkTopologyStrategy', {replication}}}", cancellationToken);
            catalog = await SchemaCatalog.ReadAsync(session, db.Keyspace, cancellationToken);
        }
        else
        {
            WarnIfReplicationDiffers(catalog);
        }

        if (IsComplete(catalog))
        {
            return;
        }

        string? claim = null;
        var deadline = DateTimeOffset.UtcNow + WaitForWinner;
        while (!IsComplete(catalog))
        {
            var claims = FreshClaims(catalog);
            if (claim is null && claims.Count == 0)
            {
                claim = string.Create(CultureInfo.InvariantCulture, $"{ClaimPrefix}{DateTimeOffset.UtcNow.ToString(ClaimTimeFormat, CultureInfo.InvariantCulture)}_{Random.Shared.Next():x8}");
                await DdlAsync($"CREATE TABLE IF NOT EXISTS {db.Keyspace}.{claim} (k int PRIMARY KEY)", cancellationToken);
                await Task.Delay(ClaimSettle, cancellationToken);
                await session.WaitForSchemaAgreementAsync(cancellationToken);
            }
            else if (claims.Count > 0 && claims[0] == claim)
            {
                Log.CreatingSchema(db.Logger, db.Keyspace, claim);
                foreach (var table in catalog.MissingTables(CassandraSchema.Tables))
                {
                    await DdlAsync(table.CreateCql(db.Keyspace), cancellationToken);
                }

                foreach (var (table, column) in catalog.MissingColumns(CassandraSchema.Tables))
                {
                    await DdlAsync(table.AddColumnCql(db.Keyspace, column), cancellationToken);
                }
            }
            else if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"keyspace {db.Keyspace}: the schema was not completed within {WaitForWinner.TotalSeconds} s by the silo holding claim {(claims.Count > 0 ? claims[0] : "(none)")}");
            }
            else
            {
                await Task.Delay(Poll, cancellationToken);
            }

            catalog = await SchemaCatalog.ReadAsync(session, db.Keyspace, cancellationToken);
        }

        foreach (var table in catalog.Columns.Keys.Where(t => t == claim || (t.StartsWith(ClaimPrefix, StringComparison.Ordinal) && !IsFresh(t))))
        {
            await DdlAsync($"DROP TABLE IF EXISTS {db.Keyspace}.{table}", cancellationToken);
        }
    }

    private static bool IsComplete(SchemaCatalog catalog) =>
        catalog.MissingTables(CassandraSchema.Tables).Count == 0 && catalog.MissingColumns(CassandraSchema.Tables).Count == 0;

    private static List<string> FreshClaims(SchemaCatalog catalog) =>
        catalog.Columns.Keys.Where(t => t.StartsWith(ClaimPrefix, StringComparison.Ordinal) && IsFresh(t)).Order(StringComparer.Ordinal).ToList();

    private static bool IsFresh(string claim) =>
        DateTimeOffset.TryParseExact(claim.AsSpan(ClaimPrefix.Length, ClaimTimeFormat.Length), ClaimTimeFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var at) && DateTimeOffset.UtcNow - at < ClaimExpiry;

    private async Task DdlAsync(string cql, CancellationToken cancellationToken)
    {
        // Every statement is idempotent (IF [NOT] EXISTS). A keyspace created by two silos at once can
        // briefly look missing on a node while the two definitions merge ("non existing keyspace"): retry.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.Session.ExecuteAsync(new SimpleStatement(cql) { Consistency = CqlConsistency.One }, cancellationToken);
                break;
            }
            catch (CqlConfigException) when (attempt < 10)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            }
        }

        // The session waits for schema agreement after every DDL statement; say so when it was not reached.
        if (!await db.Session.WaitForSchemaAgreementAsync(cancellationToken))
        {
            Log.NoSchemaAgreement(db.Logger, db.Keyspace, cql);
        }
    }

    private void WarnIfReplicationDiffers(SchemaCatalog catalog)
    {
        var actual = catalog.Replication.Where(r => r.Key is not "class" and not "replication_factor")
            .ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
        var expected = db.Options.Replication.ToDictionary(r => r.Key, r => r.Value.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);
        if (actual.Count != expected.Count || actual.Any(r => expected.GetValueOrDefault(r.Key) != r.Value))
        {
            Log.ReplicationDiffers(db.Logger, db.Keyspace,
                string.Join(", ", actual.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}: {r.Value}")),
                string.Join(", ", expected.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}: {r.Value}")));
        }
    }
}
