namespace ControlPlane.Cql.Protocol;

/// <summary>Parses RESULT bodies (and the metadata and type notations inside them).</summary>
internal static class ResultParser
{
    public const int KindVoid = 0x0001;
    public const int KindRows = 0x0002;
    public const int KindSetKeyspace = 0x0003;
    public const int KindPrepared = 0x0004;
    public const int KindSchemaChange = 0x0005;

    private const int FlagGlobalTableSpec = 0x0001;
    private const int FlagHasMorePages = 0x0002;
    private const int FlagNoMetadata = 0x0004;

    /// <summary>
    /// Parses a RESULT of any kind but Prepared into a row set (empty for Void, Set_keyspace and
    /// Schema_change). <paramref name="knownColumns"/> decodes rows sent without metadata (skip_metadata).
    /// </summary>
    public static RowSet ParseRowSet(FrameReader reader, RowMetadata? knownColumns)
    {
        var kind = reader.ReadInt();
        switch (kind)
        {
            case KindRows:
                var (metadata, pagingState, noMetadata) = ReadMetadata(reader, withPartitionKeys: false);
                if (noMetadata)
                {
                    metadata = knownColumns ?? throw new CqlProtocolViolationException("Rows came without metadata, and none is known.");
                }
                return ReadRows(reader, metadata, pagingState);
            case KindSchemaChange:
                var empty = RowSet.Empty(null);
                empty.SchemaChange = ReadSchemaChange(reader);
                return empty;
            case KindVoid:
            case KindSetKeyspace:
                return RowSet.Empty(null);
            default:
                throw new CqlProtocolViolationException($"Unexpected RESULT kind 0x{kind:X4}.");
        }
    }

    /// <summary>Parses a RESULT of kind Prepared.</summary>
    public static (byte[] Id, RowMetadata Variables, RowMetadata ResultColumns) ParsePrepared(FrameReader reader)
    {
        var kind = reader.ReadInt();
        if (kind != KindPrepared)
        {
            throw new CqlProtocolViolationException($"Expected a Prepared RESULT, got kind 0x{kind:X4}.");
        }
        var id = reader.ReadShortBytes();
        var (variables, _, _) = ReadMetadata(reader, withPartitionKeys: reader.Version >= 4);
        var (result, _, _) = ReadMetadata(reader, withPartitionKeys: false);
        return (id, variables, result);
    }

    private static (RowMetadata Metadata, byte[]? PagingState, bool NoMetadata) ReadMetadata(FrameReader reader, bool withPartitionKeys)
    {
        var flags = reader.ReadInt();
        var count = reader.ReadInt();
        if (withPartitionKeys)
        {
            var keys = reader.ReadInt();
            for (var i = 0; i < keys; i++)
            {
                reader.ReadShort();
            }
        }
        byte[]? pagingState = null;
        if ((flags & FlagHasMorePages) != 0)
        {
            pagingState = reader.ReadBytes();
        }
        if ((flags & FlagNoMetadata) != 0)
        {
            return (RowMetadata.Empty, pagingState, true);
        }
        string? keyspace = null;
        string? table = null;
        if ((flags & FlagGlobalTableSpec) != 0)
        {
            keyspace = reader.ReadString();
            table = reader.ReadString();
        }
        var columns = new CqlColumn[count];
        for (var i = 0; i < count; i++)
        {
            var ks = keyspace ?? reader.ReadString();
            var tb = table ?? reader.ReadString();
            var name = reader.ReadString();
            columns[i] = new CqlColumn(ks, tb, name, ReadType(reader));
        }
        return (new RowMetadata(columns), pagingState, false);
    }

    private static RowSet ReadRows(FrameReader reader, RowMetadata metadata, byte[]? pagingState)
    {
        var rowCount = reader.ReadInt();
        var columnCount = metadata.Columns.Count;
        if (rowCount < 0)
        {
            throw new CqlProtocolViolationException($"Negative row count {rowCount}.");
        }
        var cells = new int[rowCount * columnCount * 2];
        var rows = new Row[rowCount];
        var cell = 0;
        for (var r = 0; r < rowCount; r++)
        {
            var first = cell;
            for (var c = 0; c < columnCount; c++)
            {
                var (offset, length) = reader.ReadBytesSegment();
                cells[cell++] = offset;
                cells[cell++] = length;
            }
            rows[r] = new Row(metadata, reader.Buffer, cells, first, reader.Version);
        }
        return new RowSet(metadata, rows, pagingState);
    }

    /// <summary>Reads an [option] type notation.</summary>
    public static CqlType ReadType(FrameReader reader)
    {
        var code = (CqlTypeCode)reader.ReadUShort();
        switch (code)
        {
            case CqlTypeCode.Custom:
                return CqlType.Custom(reader.ReadString());
            case CqlTypeCode.List:
                return CqlType.List(ReadType(reader));
            case CqlTypeCode.Set:
                return CqlType.Set(ReadType(reader));
            case CqlTypeCode.Map:
                var key = ReadType(reader);
                return CqlType.Map(key, ReadType(reader));
            case CqlTypeCode.Udt:
                reader.ReadString();
                reader.ReadString();
                int fields = reader.ReadUShort();
                for (var i = 0; i < fields; i++)
                {
                    reader.ReadString();
                    ReadType(reader);
                }
                return CqlType.Other(code);
            case CqlTypeCode.Tuple:
                int items = reader.ReadUShort();
                for (var i = 0; i < items; i++)
                {
                    ReadType(reader);
                }
                return CqlType.Other(code);
            default:
                return CqlType.FromCode(code);
        }
    }

    /// <summary>The body of a Schema_change RESULT or SCHEMA_CHANGE event (after the event type).</summary>
    public static CqlSchemaChange ReadSchemaChange(FrameReader reader)
    {
        var change = reader.ReadString();
        var target = reader.ReadString();
        var keyspace = reader.ReadString();
        var name = string.Empty;
        if (target != "KEYSPACE")
        {
            name = reader.ReadString();
            if (target is "FUNCTION" or "AGGREGATE")
            {
                reader.ReadStringList();
            }
        }
        return new CqlSchemaChange(change, target, keyspace, name);
    }
}
