using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ControlPlane.Cql;

namespace ControlPlane.Storage.Cassandra;

/// <summary>Versions of the cluster definition: small version rows in one partition, newest first; the YAML stored once per content.</summary>
/// <remarks>
/// A new version is <c>INSERT ... IF NOT EXISTS</c> on the next version number, so concurrent appends
/// never share a number: the loser reads again and takes the next one, unless the winner stored the
/// same content hash, which it then returns. The YAML (which can be megabytes for a large cluster) is
/// kept out of the version partition, in <c>definition_bodies</c> keyed by its SHA-256, written before
/// the version row that refers to it, and cached here: every silo polls for the latest version every
/// second, and reads a body only when a new version appears.
/// </remarks>
internal sealed class CassandraDefinitionStore(CassandraContext db) : IDefinitionStore
{
    private const string Scope = "cluster";
    private const int MaxAttempts = 100;

    private readonly ConcurrentDictionary<string, string> _bodies = new(StringComparer.Ordinal);
    private readonly string _latest = $"SELECT version, content_hash, yaml_sha256, applied_at, applied_by FROM {db.Keyspace}.definitions WHERE scope = ? LIMIT 1";
    private readonly string _one = $"SELECT version, content_hash, yaml_sha256, applied_at, applied_by FROM {db.Keyspace}.definitions WHERE scope = ? AND version = ?";
    private readonly string _insert = $"INSERT INTO {db.Keyspace}.definitions (scope, version, content_hash, yaml_sha256, applied_at, applied_by) VALUES (?, ?, ?, ?, ?, ?) IF NOT EXISTS";
    private readonly string _selectBody = $"SELECT yaml FROM {db.Keyspace}.definition_bodies WHERE yaml_sha256 = ?";
    private readonly string _insertBody = $"INSERT INTO {db.Keyspace}.definition_bodies (yaml_sha256, yaml) VALUES (?, ?)";

    public async Task<StoredDefinition?> GetLatestAsync(CancellationToken cancellationToken)
    {
        var row = (await db.ReadAsync(_latest, StoreConsistency.Agreed, cancellationToken, Scope)).FirstOrDefault();
        return row is null ? null : await WithBodyAsync(row, cancellationToken);
    }

    public async Task<StoredDefinition> AppendAsync(string yaml, string contentHash, string appliedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var sha = Sha256(yaml);
        var appliedAt = DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());
        var bodyWritten = false;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var latest = (await db.ReadAsync(_latest, StoreConsistency.Agreed, cancellationToken, Scope)).FirstOrDefault();
            if (latest is not null && latest.Get<string>("content_hash") == contentHash)
            {
                return await WithBodyAsync(latest, cancellationToken);
            }

            if (!bodyWritten)
            {
                await db.WriteAsync(_insertBody, StoreConsistency.Agreed, cancellationToken, sha, yaml);
                _bodies[sha] = yaml;
                bodyWritten = true;
            }

            var version = (latest?.Get<long>("version") ?? 0) + 1;
            var insert = await db.BindAsync(_insert, StoreConsistency.Agreed, cancellationToken, Scope, version, contentHash, sha, appliedAt, appliedBy);
            try
            {
                var result = await db.ConditionalAsync(insert, cancellationToken);
                if (result.Applied)
                {
                    return new StoredDefinition(version, yaml, contentHash, appliedAt, appliedBy);
                }

                if (result.Current is { } winner && winner.Get<string>("content_hash") == contentHash)
                {
                    return await WithBodyAsync(winner, cancellationToken);
                }
            }
            catch (CqlLwtOutcomeUnknownException)
            {
                var stored = (await db.ReadAsync(_one, StoreConsistency.Paxos, cancellationToken, Scope, version)).FirstOrDefault();
                if (stored is not null && stored.Get<string>("content_hash") == contentHash)
                {
                    return await WithBodyAsync(stored, cancellationToken);
                }
            }

            await CassandraContext.BackoffAsync(attempt, cancellationToken);
        }

        throw new InvalidOperationException($"could not store a new definition version: {MaxAttempts} attempts lost to concurrent appends");
    }

    private async Task<StoredDefinition> WithBodyAsync(Row row, CancellationToken cancellationToken)
    {
        var sha = row.Get<string>("yaml_sha256");
        if (!_bodies.TryGetValue(sha, out var yaml))
        {
            yaml = (await db.ReadAsync(_selectBody, StoreConsistency.Agreed, cancellationToken, sha)).FirstOrDefault()?.Get<string?>("yaml")
                ?? throw new InvalidOperationException($"definition version {row.Get<long>("version")}: its YAML (sha256 {sha}) is missing");
            _bodies[sha] = yaml;
        }

        return new StoredDefinition(row.Get<long>("version"), yaml, row.Get<string>("content_hash"), row.Get<DateTimeOffset>("applied_at"), row.Get<string>("applied_by"));
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
