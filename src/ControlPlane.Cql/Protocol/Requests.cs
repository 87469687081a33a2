using ControlPlane.Cql.Serialization;

namespace ControlPlane.Cql.Protocol;

/// <summary>Writes the bodies of the requests this client sends.</summary>
internal static class Requests
{
    private const byte FlagValues = 0x01;
    private const byte FlagSkipMetadata = 0x02;
    private const byte FlagPageSize = 0x04;
    private const byte FlagPagingState = 0x08;
    private const byte FlagSerialConsistency = 0x10;
    private const byte FlagDefaultTimestamp = 0x20;

    private static readonly Dictionary<string, string> StartupOptions = new() { ["CQL_VERSION"] = "3.0.0" };

    public static void Startup(FrameWriter writer) => writer.WriteStringMap(StartupOptions);

    public static void AuthResponse(FrameWriter writer, byte[] token) => writer.WriteBytes(token);

    public static void Register(FrameWriter writer, IReadOnlyList<string> events) => writer.WriteStringList(events);

    public static void Prepare(FrameWriter writer, string cql) => writer.WriteLongString(cql);

    public static void Query(FrameWriter writer, string cql, in QueryParameters parameters)
    {
        writer.WriteLongString(cql);
        WriteParameters(writer, parameters);
    }

    public static void Execute(FrameWriter writer, byte[] preparedId, in QueryParameters parameters)
    {
        writer.WriteShortBytes(preparedId);
        WriteParameters(writer, parameters);
    }

    /// <summary>One statement of a batch: query text or prepared id, and its values.</summary>
    public readonly record struct BatchEntry(string? Cql, byte[]? PreparedId, IReadOnlyList<object?> Values, IReadOnlyList<CqlType>? ValueTypes);

    public static void Batch(
        FrameWriter writer, BatchType type, IReadOnlyList<BatchEntry> entries, CqlConsistency consistency,
        CqlConsistency? serialConsistency, long? timestampMicros)
    {
        writer.WriteByte((byte)type);
        writer.WriteUShort(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.PreparedId is { } id)
            {
                writer.WriteByte(1);
                writer.WriteShortBytes(id);
            }
            else
            {
                writer.WriteByte(0);
                writer.WriteLongString(entry.Cql!);
            }
            WriteValues(writer, entry.Values, entry.ValueTypes);
        }
        writer.WriteUShort((ushort)consistency);
        byte flags = 0;
        if (serialConsistency is not null)
        {
            flags |= FlagSerialConsistency;
        }
        if (timestampMicros is not null)
        {
            flags |= FlagDefaultTimestamp;
        }
        writer.WriteByte(flags);
        if (serialConsistency is { } serial)
        {
            writer.WriteUShort((ushort)serial);
        }
        if (timestampMicros is { } timestamp)
        {
            writer.WriteLong(timestamp);
        }
    }

    private static void WriteParameters(FrameWriter writer, in QueryParameters p)
    {
        writer.WriteUShort((ushort)p.Consistency);
        byte flags = 0;
        if (p.Values is { Count: > 0 })
        {
            flags |= FlagValues;
        }
        if (p.SkipMetadata)
        {
            flags |= FlagSkipMetadata;
        }
        if (p.PageSize > 0)
        {
            flags |= FlagPageSize;
        }
        if (p.PagingState is not null)
        {
            flags |= FlagPagingState;
        }
        if (p.SerialConsistency is not null)
        {
            flags |= FlagSerialConsistency;
        }
        if (p.TimestampMicros is not null)
        {
            flags |= FlagDefaultTimestamp;
        }
        writer.WriteByte(flags);
        if (p.Values is { Count: > 0 } values)
        {
            WriteValues(writer, values, p.ValueTypes);
        }
        if (p.PageSize > 0)
        {
            writer.WriteInt(p.PageSize);
        }
        if (p.PagingState is { } state)
        {
            writer.WriteBytes(state);
        }
        if (p.SerialConsistency is { } serial)
        {
            writer.WriteUShort((ushort)serial);
        }
        if (p.TimestampMicros is { } timestamp)
        {
            writer.WriteLong(timestamp);
        }
    }

    private static void WriteValues(FrameWriter writer, IReadOnlyList<object?> values, IReadOnlyList<CqlType>? types)
    {
        writer.WriteUShort(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            var type = types?[i] ?? (value is null || ReferenceEquals(value, CqlValue.Unset) || ReferenceEquals(value, CqlValue.Empty)
                ? CqlType.Blob
                : ClrTypes.Infer(value));
            try
            {
                CqlCodec.Write(writer, type, value, writer.Version);
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"Bind variable {i}: {ex.Message}", ex);
            }
        }
    }
}
