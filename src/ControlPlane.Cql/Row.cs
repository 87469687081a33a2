using ControlPlane.Cql.Serialization;

namespace ControlPlane.Cql;

/// <summary>One row of a result. Values are decoded on access, to the type asked for.</summary>
/// <remarks>
/// <see cref="Get{T}(int)"/> decodes to the column's natural CLR type (int, long, string, Guid,
/// DateTimeOffset, IPAddress, BigInteger, <see cref="CqlDecimal"/>, byte[], List&lt;T&gt;, HashSet&lt;T&gt;,
/// Dictionary&lt;K,V&gt;, ...) or a compatible one (decimal, DateTime, long for a timestamp's raw
/// milliseconds). A null or empty value reads as null through a nullable type and as an empty collection
/// through a collection type; reading it as a non-nullable value type throws <see cref="InvalidCastException"/>.
/// </remarks>
public sealed class Row
{
    private readonly RowMetadata _metadata;
    private readonly byte[] _buffer;
    private readonly int[] _cells;
    private readonly int _first;
    private readonly int _version;

    internal Row(RowMetadata metadata, byte[] buffer, int[] cells, int first, int version)
    {
        _metadata = metadata;
        _buffer = buffer;
        _cells = cells;
        _first = first;
        _version = version;
    }

    /// <summary>The result's columns.</summary>
    public IReadOnlyList<CqlColumn> Columns => _metadata.Columns;

    /// <summary>Number of columns.</summary>
    public int Count => _metadata.Columns.Count;

    /// <summary>The natural value of a column (null for null or empty fixed-size values).</summary>
    public object? this[int index] => GetValue(index);

    /// <summary>The natural value of a column by name.</summary>
    public object? this[string name] => GetValue(IndexOrThrow(name));

    /// <summary>True when the row has a column of that name.</summary>
    public bool Contains(string name) => _metadata.IndexOf(name) >= 0;

    /// <summary>Index of a column by name, or -1.</summary>
    public int IndexOf(string name) => _metadata.IndexOf(name);

    /// <summary>True when the column is null.</summary>
    public bool IsNull(int index) => Length(index) < 0;

    /// <summary>True when the column is null.</summary>
    public bool IsNull(string name) => IsNull(IndexOrThrow(name));

    /// <summary>Reads a column as <typeparamref name="T"/>.</summary>
    public T Get<T>(int index)
    {
        var column = _metadata.Columns[index];
        var length = Length(index);
        if (length < 0)
        {
            return CqlCodec.NullAs<T>(column);
        }
        return CqlCodec.Convert<T>(column, _buffer.AsSpan(_cells[_first + (2 * index)], length), _version);
    }

    /// <summary>Reads a column by name as <typeparamref name="T"/>.</summary>
    public T Get<T>(string name) => Get<T>(IndexOrThrow(name));

    /// <summary>Decodes a column to its natural CLR type.</summary>
    public object? GetValue(int index)
    {
        var length = Length(index);
        return length < 0 ? null : CqlCodec.Decode(_metadata.Columns[index].Type, _buffer.AsSpan(_cells[_first + (2 * index)], length), _version);
    }

    /// <summary>The raw bytes of a column (null when null).</summary>
    public ReadOnlyMemory<byte>? GetBytes(int index)
    {
        var length = Length(index);
        return length < 0 ? null : _buffer.AsMemory(_cells[_first + (2 * index)], length);
    }

    public override string ToString()
    {
        var parts = new string[Count];
        for (var i = 0; i < Count; i++)
        {
            object? value;
            try
            {
                value = GetValue(i);
            }
            catch (InvalidCastException)
            {
                value = "<out of range>";
            }
            parts[i] = $"{_metadata.Columns[i].Name}={value ?? "null"}";
        }
        return "Row { " + string.Join(", ", parts) + " }";
    }

    private int Length(int index)
    {
        if ((uint)index >= (uint)_metadata.Columns.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The row has {_metadata.Columns.Count} column(s).");
        }
        return _cells[_first + (2 * index) + 1];
    }

    private int IndexOrThrow(string name)
    {
        var index = _metadata.IndexOf(name);
        return index >= 0
            ? index
            : throw new ArgumentException($"The result has no column '{name}' (columns: {string.Join(", ", _metadata.Columns.Select(c => c.Name))}).", nameof(name));
    }
}
