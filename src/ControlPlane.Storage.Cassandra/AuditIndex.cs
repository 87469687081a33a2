using System.Collections.Concurrent;
using System.Globalization;
using ControlPlane.Core.Model;
using ControlPlane.Cql;

namespace ControlPlane.Storage.Cassandra;

/// <summary>The audit query tables: decisions and DNS changes by day, by service and by endpoint, newest first.</summary>
/// <remarks>
/// Every query table is partitioned by its key and a UTC day, clustered by time and id descending, so a
/// partition holds one day of one service (or endpoint, or the whole cluster) and a query reads
/// partitions newest day first, stopping at the limit. <c>audit_days</c> lists the days of each scope,
/// so a query visits only days that have entries. Rows are keyed by id: writing them again is harmless,
/// which is what lets the grain state store re-write them from a grain's outbox after a crash.
/// </remarks>
internal sealed class AuditIndex
{
    private const string MinDay = "0000-00-00";
    private const string MaxDay = "9999-99-99";
    private const int PageSize = 500;

    // The last millisecond both Cassandra's timestamp and DateTimeOffset hold: the open end of a query.
    private static readonly DateTimeOffset MaxTime = new(9999, 12, 31, 23, 59, 59, 999, TimeSpan.Zero);

    private readonly CassandraContext _db;
    private readonly ConcurrentDictionary<(string Scope, string Day), byte> _daysWritten = new();
    private readonly string _insertDay;
    private readonly string _selectDays;

    public AuditIndex(CassandraContext db)
    {
        _db = db;
        _insertDay = $"INSERT INTO {db.Keyspace}.audit_days (scope, day) VALUES (?, ?) USING TTL ?";
        _selectDays = $"SELECT day FROM {db.Keyspace}.audit_days WHERE scope = ? AND day >= ? AND day <= ?";
    }

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Writes the query rows of every entry (idempotent).</summary>
    public async Task WriteAsync(AuditOutbox outbox, CancellationToken cancellationToken)
    {
        var ttl = TtlSeconds(_db.Options.AuditRetention);
        var days = new HashSet<(string Scope, string Day)>();
        var writes = new List<Task>();
        foreach (var decision in outbox.Decisions)
        {
            var day = Day(decision.At);
            var json = StoreJson.Serialize(decision);
            writes.Add(Insert("decisions_by_day", null, null, day, decision.At, decision.Id, json, ttl, cancellationToken));
            writes.Add(Insert("decisions_by_service", "service_id", decision.ServiceId, day, decision.At, decision.Id, json, ttl, cancellationToken));
            writes.Add(Insert("decisions_by_endpoint", "endpoint_id", decision.EndpointId, day, decision.At, decision.Id, json, ttl, cancellationToken));
            days.Add((DecisionScope(null, null), day));
            days.Add((DecisionScope(decision.ServiceId, null), day));
            days.Add((DecisionScope(null, decision.EndpointId), day));
        }

        foreach (var change in outbox.DnsChanges)
        {
            var day = Day(change.At);
            var json = StoreJson.Serialize(change);
            writes.Add(Insert("dns_changes_by_day", null, null, day, change.At, change.Id, json, ttl, cancellationToken));
            writes.Add(Insert("dns_changes_by_service", "service_id", change.ServiceId, day, change.At, change.Id, json, ttl, cancellationToken));
            days.Add((DnsChangeScope(null), day));
            days.Add((DnsChangeScope(change.ServiceId), day));
        }

        // A day row outlives the entries of its day by a day, so none of them becomes unreachable early.
        var dayTtl = ttl == 0 ? 0 : ttl + (int)TimeSpan.FromDays(1).TotalSeconds;
        var newDays = days.Where(d => !_daysWritten.ContainsKey(d)).ToList();
        writes.AddRange(newDays.Select(d => _db.WriteAsync(_insertDay, StoreConsistency.Local, cancellationToken, d.Scope, d.Day, dayTtl)));
        await Task.WhenAll(writes);
        foreach (var day in newDays)
        {
            _daysWritten.TryAdd(day, 0);
        }
    }

    public Task<IReadOnlyList<Decision>> QueryDecisionsAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        if (query.EndpointId is { } endpoint)
        {
            // An endpoint belongs to one service; a service filter on top is checked row by row.
            Func<Decision, bool>? filter = query.ServiceId is { } service ? d => d.ServiceId == service : null;
            return QueryAsync("decisions_by_endpoint", "endpoint_id", endpoint, DecisionScope(null, endpoint), query, filter, cancellationToken);
        }

        return query.ServiceId is { } serviceId
            ? QueryAsync<Decision>("decisions_by_service", "service_id", serviceId, DecisionScope(serviceId, null), query, null, cancellationToken)
            : QueryAsync<Decision>("decisions_by_day", null, null, DecisionScope(null, null), query, null, cancellationToken);
    }

    public Task<IReadOnlyList<DnsChange>> QueryDnsChangesAsync(AuditQuery query, CancellationToken cancellationToken) =>
        query.ServiceId is { } serviceId
            ? QueryAsync<DnsChange>("dns_changes_by_service", "service_id", serviceId, DnsChangeScope(serviceId), query, null, cancellationToken)
            : QueryAsync<DnsChange>("dns_changes_by_day", null, null, DnsChangeScope(null), query, null, cancellationToken);

    private async Task<IReadOnlyList<T>> QueryAsync<T>(
        string table, string? keyColumn, string? key, string scope, AuditQuery query, Func<T, bool>? filter, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(query.Limit, 1, 10_000);
        var from = query.From ?? DateTimeOffset.UnixEpoch;
        var to = query.To ?? MaxTime;
        var days = await _db.ReadAsync(_selectDays, StoreConsistency.Local, cancellationToken,
            scope, query.From is { } f ? Day(f) : MinDay, query.To is { } t ? Day(t) : MaxDay);

        var where = keyColumn is null ? "day = ?" : $"{keyColumn} = ? AND day = ?";
        var cql = $"SELECT json FROM {_db.Keyspace}.{table} WHERE {where} AND at >= ? AND at <= ?";
        var result = new List<T>();
        foreach (var day in days.Select(r => r.Get<string>(0)))
        {
            object?[] values = keyColumn is null ? [day, from, to] : [key, day, from, to];
            var statement = await _db.BindAsync(cql, StoreConsistency.Local, cancellationToken, values);
            statement.PageSize = filter is null ? Math.Min(limit - result.Count, PageSize) : PageSize;
            await foreach (var row in _db.Session.QueryRowsAsync(statement, cancellationToken))
            {
                var item = StoreJson.Deserialize<T>(row.Get<string>(0));
                if (filter is null || filter(item))
                {
                    result.Add(item);
                    if (result.Count == limit)
                    {
                        return result;
                    }
                }
            }
        }

        return result;
    }

    private Task Insert(string table, string? keyColumn, string? key, string day, DateTimeOffset at, string id, string json, int ttl, CancellationToken cancellationToken)
    {
        var columns = keyColumn is null ? "day, at, id, json" : $"{keyColumn}, day, at, id, json";
        var markers = keyColumn is null ? "?, ?, ?, ?" : "?, ?, ?, ?, ?";
        object?[] values = keyColumn is null ? [day, at, id, json, ttl] : [key, day, at, id, json, ttl];
        return _db.WriteAsync($"INSERT INTO {_db.Keyspace}.{table} ({columns}) VALUES ({markers}) USING TTL ?", StoreConsistency.Local, cancellationToken, values);
    }

    private static string DecisionScope(string? serviceId, string? endpointId) =>
        serviceId is not null ? $"decisions/service/{serviceId}" : endpointId is not null ? $"decisions/endpoint/{endpointId}" : "decisions";

    private static string DnsChangeScope(string? serviceId) => serviceId is not null ? $"dns_changes/service/{serviceId}" : "dns_changes";

    public static int TtlSeconds(TimeSpan? retention) => retention is { } r ? (int)Math.Ceiling(r.TotalSeconds) : 0;
}
