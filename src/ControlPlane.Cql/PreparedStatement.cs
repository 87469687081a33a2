namespace ControlPlane.Cql;

/// <summary>A statement prepared on the cluster; <see cref="Bind"/> gives executable statements.</summary>
public sealed class PreparedStatement
{
    internal PreparedStatement(string cql, string? keyspace, byte[] id, RowMetadata variables, RowMetadata resultColumns)
    {
        Cql = cql;
        Keyspace = keyspace;
        Id = id;
        VariableMetadata = variables;
        ResultMetadata = resultColumns;
        VariableTypes = variables.Columns.Select(c => c.Type).ToArray();
    }

    /// <summary>The statement text.</summary>
    public string Cql { get; }

    /// <summary>The session keyspace it was prepared in.</summary>
    public string? Keyspace { get; }

    /// <summary>The server's id (an MD5 of the text and keyspace, the same on every node).</summary>
    public byte[] Id { get; private set; }

    /// <summary>The bind variables, in order.</summary>
    public IReadOnlyList<CqlColumn> Variables => VariableMetadata.Columns;

    /// <summary>The columns its rows will have (empty for writes).</summary>
    public IReadOnlyList<CqlColumn> ResultColumns => ResultMetadata.Columns;

    internal RowMetadata VariableMetadata { get; }

    internal RowMetadata ResultMetadata { get; }

    internal IReadOnlyList<CqlType> VariableTypes { get; }

    /// <summary>Binds positional values (the types of <see cref="Variables"/>, with widening where lossless).</summary>
    public BoundStatement Bind(params object?[] values)
    {
        values ??= new object?[] { null };
        if (values.Length != VariableTypes.Count)
        {
            throw new ArgumentException(
                $"The statement has {VariableTypes.Count} bind variable(s) ({string.Join(", ", Variables.Select(v => $"{v.Name} {v.Type}"))}) but {values.Length} value(s) were given.",
                nameof(values));
        }
        return new BoundStatement(this, values);
    }

    internal void UpdateId(byte[] id) => Id = id;

    public override string ToString() => Cql;
}
