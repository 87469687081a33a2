using System.Text;
using ControlPlane.Core.Model;

namespace ControlPlane.Storage.Sqlite;

internal sealed class SqliteAuditStore(SqliteDatabase db) : IAuditStore
{
    public Task<IReadOnlyList<Decision>> QueryDecisionsAsync(AuditQuery query, CancellationToken cancellationToken) =>
        QueryAsync<Decision>("decisions", query, includeEndpoint: true, cancellationToken);

    public Task<IReadOnlyList<DnsChange>> QueryDnsChangesAsync(AuditQuery query, CancellationToken cancellationToken) =>
        QueryAsync<DnsChange>("dns_changes", query, includeEndpoint: false, cancellationToken);

    private Task<IReadOnlyList<T>> QueryAsync<T>(string table, AuditQuery query, bool includeEndpoint, CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<T>>(async c =>
        {
            var sql = new StringBuilder($"SELECT json FROM {table} WHERE 1 = 1");
            var parameters = new List<(string, object?)>();
            if (query.ServiceId is not null)
            {
                sql.Append(" AND service_id = $s");
                parameters.Add(("$s", query.ServiceId));
            }

            if (includeEndpoint && query.EndpointId is not null)
            {
                sql.Append(" AND endpoint_id = $e");
                parameters.Add(("$e", query.EndpointId));
            }

            if (query.From is { } from)
            {
                sql.Append(" AND at >= $from");
                parameters.Add(("$from", from.ToUnixMs()));
            }

            if (query.To is { } to)
            {
                sql.Append(" AND at <= $to");
                parameters.Add(("$to", to.ToUnixMs()));
            }

            sql.Append(" ORDER BY at DESC, id DESC LIMIT $limit");
            parameters.Add(("$limit", Math.Clamp(query.Limit, 1, 10_000)));
            using var select = c.Command(sql.ToString(), null, parameters.ToArray());
            return (await select.ReadStringsAsync(cancellationToken)).Select(StoreJson.Deserialize<T>).ToList();
        }, cancellationToken);
}
