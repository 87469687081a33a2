using System.Collections;
using System.Net;

namespace ControlPlane.Cql;

/// <summary>One page of a result: its rows, columns and the paging state to fetch the next page.</summary>
public sealed class RowSet : IReadOnlyList<Row>
{
    private readonly IReadOnlyList<Row> _rows;

    internal RowSet(RowMetadata metadata, IReadOnlyList<Row> rows, byte[]? pagingState)
    {
        Metadata = metadata;
        _rows = rows;
        PagingState = pagingState;
    }

    internal static RowSet Empty(IPEndPoint? host) => new(RowMetadata.Empty, Array.Empty<Row>(), null) { Host = host };

    internal RowMetadata Metadata { get; }

    /// <summary>The result's columns (empty for statements that return no rows).</summary>
    public IReadOnlyList<CqlColumn> Columns => Metadata.Columns;

    /// <summary>The opaque state that fetches the next page; null on the last page.</summary>
    public byte[]? PagingState { get; }

    /// <summary>True when the server has more pages.</summary>
    public bool HasMorePages => PagingState is not null;

    /// <summary>The coordinator that answered.</summary>
    public IPEndPoint? Host { get; internal set; }

    /// <summary>Warnings the server attached (protocol v4).</summary>
    public IReadOnlyList<string> Warnings { get; internal set; } = Array.Empty<string>();

    /// <summary>The schema change the statement made, if it was DDL.</summary>
    public CqlSchemaChange? SchemaChange { get; internal set; }

    public int Count => _rows.Count;

    public Row this[int index] => _rows[index];

    /// <summary>The first row, or null.</summary>
    public Row? FirstOrDefault() => _rows.Count > 0 ? _rows[0] : null;

    public IEnumerator<Row> GetEnumerator() => _rows.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
