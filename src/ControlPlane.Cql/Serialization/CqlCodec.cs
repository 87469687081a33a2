using System.Buffers.Binary;
using System.Collections;
using System.Net;
using System.Numerics;
using System.Text;
using ControlPlane.Cql.Protocol;

namespace ControlPlane.Cql.Serialization;

/// <summary>
/// Encodes CLR values to CQL values and back, for every type of the scope (collections included).
/// </summary>
/// <remarks>
/// Decoding has two forms: <see cref="Decode"/> gives the natural CLR type of the column
/// (<see cref="ClrTypes.For"/>), and <see cref="Convert{T}"/> serves a typed accessor, including the raw
/// forms that no CLR type holds in full: <c>long</c> milliseconds of a timestamp, <c>long</c> nanoseconds
/// of a time, the <c>uint</c> day number of a date (2^31 is 1970-01-01). An empty value (zero bytes) of a
/// fixed-size type decodes to null; null or empty collections are returned as empty collections by typed
/// accessors, because Cassandra stores an empty collection as no cells at all.
/// </remarks>
internal static class CqlCodec
{
    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;
    private const long MaxTimeNanos = 86_399_999_999_999;

    /// <summary>Writes <paramref name="value"/> as a [bytes] value of <paramref name="type"/> (null: length -1).</summary>
    public static void Write(FrameWriter writer, CqlType type, object? value, int version)
    {
        if (value is null)
        {
            writer.WriteNullBytes();
            return;
        }
        if (ReferenceEquals(value, CqlValue.Unset))
        {
            if (version < 4)
            {
                throw new CqlUnsupportedFeatureException("Unset values need protocol v4; this connection speaks v3.");
            }
            writer.WriteUnsetBytes();
            return;
        }
        if (ReferenceEquals(value, CqlValue.Empty))
        {
            writer.WriteInt(0);
            return;
        }
        if (type.MinimumProtocolVersion > version)
        {
            throw new CqlUnsupportedFeatureException(
                $"The CQL type {type} needs native protocol v{type.MinimumProtocolVersion}, but this connection speaks v{version} " +
                "(Cassandra 2.1 has no date, time, smallint or tinyint); use a type the server knows.");
        }
        switch (type.Code)
        {
            case CqlTypeCode.Int:
                writer.WriteInt(4);
                BinaryPrimitives.WriteInt32BigEndian(writer.Reserve(4), ToInt32(value, type));
                return;
            case CqlTypeCode.Bigint:
            case CqlTypeCode.Counter:
                writer.WriteInt(8);
                BinaryPrimitives.WriteInt64BigEndian(writer.Reserve(8), ToInt64(value, type));
                return;
            case CqlTypeCode.Boolean:
                writer.WriteInt(1);
                writer.WriteByte(value is bool b ? (b ? (byte)1 : (byte)0) : throw Mismatch(value, type));
                return;
            case CqlTypeCode.Double:
                writer.WriteInt(8);
                BinaryPrimitives.WriteDoubleBigEndian(writer.Reserve(8), value switch
                {
                    double d => d,
                    float f => f,
                    int i => i,
                    long l => l,
                    _ => throw Mismatch(value, type),
                });
                return;
            case CqlTypeCode.Float:
                writer.WriteInt(4);
                BinaryPrimitives.WriteSingleBigEndian(writer.Reserve(4), value switch
                {
                    float f => f,
                    short s => s,
                    int i when Math.Abs(i) < (1 << 24) => i,
                    _ => throw Mismatch(value, type),
                });
                return;
            case CqlTypeCode.Smallint:
                writer.WriteInt(2);
                BinaryPrimitives.WriteInt16BigEndian(writer.Reserve(2), value switch
                {
                    short s => s,
                    sbyte sb => sb,
                    byte by => by,
                    _ => throw Mismatch(value, type),
                });
                return;
            case CqlTypeCode.Tinyint:
                writer.WriteInt(1);
                writer.WriteByte(unchecked((byte)(value is sbyte sb1 ? sb1 : throw Mismatch(value, type))));
                return;
            case CqlTypeCode.Timestamp:
                writer.WriteInt(8);
                BinaryPrimitives.WriteInt64BigEndian(writer.Reserve(8), value switch
                {
                    DateTimeOffset dto => dto.ToUnixTimeMilliseconds(),
                    DateTime dt => new DateTimeOffset(dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : DateTime.SpecifyKind(dt, DateTimeKind.Utc)).ToUnixTimeMilliseconds(),
                    long ms => ms,
                    _ => throw Mismatch(value, type),
                });
                return;
            case CqlTypeCode.Date:
                writer.WriteInt(4);
                BinaryPrimitives.WriteUInt32BigEndian(writer.Reserve(4), value switch
                {
                    DateOnly d => unchecked((uint)(d.DayNumber - EpochDayNumber) + 0x8000_0000u),
                    uint raw => raw,
                    _ => throw Mismatch(value, type),
                });
                return;
            case CqlTypeCode.Time:
                var nanos = value switch
                {
                    TimeOnly t => t.Ticks * 100,
                    TimeSpan ts when ts >= TimeSpan.Zero && ts < TimeSpan.FromDays(1) => ts.Ticks * 100,
                    long raw when raw is >= 0 and <= MaxTimeNanos => raw,
                    _ => throw Mismatch(value, type),
                };
                writer.WriteInt(8);
                BinaryPrimitives.WriteInt64BigEndian(writer.Reserve(8), nanos);
                return;
            case CqlTypeCode.Uuid:
            case CqlTypeCode.Timeuuid:
                writer.WriteInt(16);
                if (value is not Guid guid || !guid.TryWriteBytes(writer.Reserve(16), bigEndian: true, out _))
                {
                    throw Mismatch(value, type);
                }
                return;
            case CqlTypeCode.Varchar:
                writer.WriteLongString(value as string ?? throw Mismatch(value, type));
                return;
            case CqlTypeCode.Ascii:
                var text = value as string ?? throw Mismatch(value, type);
                foreach (var c in text)
                {
                    if (c > 0x7F)
                    {
                        throw new ArgumentException($"Cannot bind '{text}' to a column of type ascii: it holds the non-ASCII character U+{(int)c:X4}.");
                    }
                }
                writer.WriteLongString(text);
                return;
            case CqlTypeCode.Blob:
            case CqlTypeCode.Custom:
                writer.WriteBytes(value switch
                {
                    byte[] bytes => bytes,
                    ReadOnlyMemory<byte> rom => rom.Span,
                    Memory<byte> mem => mem.Span,
                    ArraySegment<byte> seg => seg.AsSpan(),
                    _ => throw Mismatch(value, type),
                });
                return;
            case CqlTypeCode.Varint:
                var integer = value switch
                {
                    BigInteger bi => bi,
                    long l => l,
                    int i => i,
                    short s => s,
                    ulong ul => ul,
                    _ => throw Mismatch(value, type),
                };
                writer.WriteBytes(integer.ToByteArray(isUnsigned: false, isBigEndian: true));
                return;
            case CqlTypeCode.Decimal:
                var dec = value switch
                {
                    CqlDecimal cd => cd,
                    decimal d => (CqlDecimal)d,
                    int i => new CqlDecimal(i, 0),
                    long l => new CqlDecimal(l, 0),
                    _ => throw Mismatch(value, type),
                };
                var unscaled = dec.Unscaled.ToByteArray(isUnsigned: false, isBigEndian: true);
                writer.WriteInt(4 + unscaled.Length);
                writer.WriteInt(dec.Scale);
                writer.WriteRaw(unscaled);
                return;
            case CqlTypeCode.Inet:
                var address = value as IPAddress ?? throw Mismatch(value, type);
                writer.WriteBytes(address.GetAddressBytes());
                return;
            case CqlTypeCode.List:
            case CqlTypeCode.Set:
                WriteCollection(writer, type, value, version);
                return;
            case CqlTypeCode.Map:
                WriteMap(writer, type, value, version);
                return;
            default:
                throw new CqlUnsupportedFeatureException($"This client does not encode values of type {type}.");
        }
    }

    private static void WriteCollection(FrameWriter writer, CqlType type, object value, int version)
    {
        if (value is string or byte[] || value is not IEnumerable items)
        {
            throw Mismatch(value, type);
        }
        var slot = writer.ReserveLength();
        var countSlot = writer.ReserveLength();
        var count = 0;
        foreach (var item in items)
        {
            if (item is null)
            {
                throw new ArgumentException($"A {type} cannot hold null elements.");
            }
            Write(writer, type.Element!, item, version);
            count++;
        }
        writer.PatchInt(countSlot, count);
        writer.PatchLength(slot);
    }

    private static void WriteMap(FrameWriter writer, CqlType type, object value, int version)
    {
        var slot = writer.ReserveLength();
        var countSlot = writer.ReserveLength();
        var count = 0;
        if (value is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                Write(writer, type.Element!, entry.Key, version);
                Write(writer, type.Value!, entry.Value ?? throw new ArgumentException($"A {type} cannot hold null values."), version);
                count++;
            }
        }
        else if (value is IEnumerable pairs)
        {
            foreach (var pair in pairs)
            {
                var pairType = pair?.GetType();
                if (pairType is null || !pairType.IsGenericType || pairType.GetGenericTypeDefinition() != typeof(KeyValuePair<,>))
                {
                    throw Mismatch(value, type);
                }
                Write(writer, type.Element!, pairType.GetProperty("Key")!.GetValue(pair), version);
                Write(writer, type.Value!, pairType.GetProperty("Value")!.GetValue(pair) ?? throw new ArgumentException($"A {type} cannot hold null values."), version);
                count++;
            }
        }
        else
        {
            throw Mismatch(value, type);
        }
        writer.PatchInt(countSlot, count);
        writer.PatchLength(slot);
    }

    /// <summary>Decodes a non-null value to the column type's natural CLR type (empty fixed-size values: null).</summary>
    public static object? Decode(CqlType type, ReadOnlySpan<byte> bytes, int version)
    {
        switch (type.Code)
        {
            case CqlTypeCode.Ascii:
            case CqlTypeCode.Varchar:
                return Encoding.UTF8.GetString(bytes);
            case CqlTypeCode.Blob:
            case CqlTypeCode.Custom:
                return bytes.ToArray();
            case CqlTypeCode.List:
            case CqlTypeCode.Set:
            case CqlTypeCode.Map:
                return bytes.Length == 0 ? null : DecodeCollection(type, bytes, version);
        }
        if (bytes.Length == 0)
        {
            return null;
        }
        switch (type.Code)
        {
            case CqlTypeCode.Int:
                return BinaryPrimitives.ReadInt32BigEndian(Exact(bytes, 4, type));
            case CqlTypeCode.Bigint:
            case CqlTypeCode.Counter:
                return BinaryPrimitives.ReadInt64BigEndian(Exact(bytes, 8, type));
            case CqlTypeCode.Boolean:
                return Exact(bytes, 1, type)[0] != 0;
            case CqlTypeCode.Double:
                return BinaryPrimitives.ReadDoubleBigEndian(Exact(bytes, 8, type));
            case CqlTypeCode.Float:
                return BinaryPrimitives.ReadSingleBigEndian(Exact(bytes, 4, type));
            case CqlTypeCode.Smallint:
                return BinaryPrimitives.ReadInt16BigEndian(Exact(bytes, 2, type));
            case CqlTypeCode.Tinyint:
                return unchecked((sbyte)Exact(bytes, 1, type)[0]);
            case CqlTypeCode.Timestamp:
                var ms = BinaryPrimitives.ReadInt64BigEndian(Exact(bytes, 8, type));
                if (ms < -62_135_596_800_000 || ms > 253_402_300_799_999)
                {
                    throw new InvalidCastException($"The timestamp {ms} ms lies outside DateTimeOffset's range; read it as long.");
                }
                return DateTimeOffset.FromUnixTimeMilliseconds(ms);
            case CqlTypeCode.Date:
                var days = (long)BinaryPrimitives.ReadUInt32BigEndian(Exact(bytes, 4, type)) - (1L << 31);
                var dayNumber = EpochDayNumber + days;
                if (dayNumber < DateOnly.MinValue.DayNumber || dayNumber > DateOnly.MaxValue.DayNumber)
                {
                    throw new InvalidCastException($"The date {days} days from 1970-01-01 lies outside DateOnly's range; read it as uint.");
                }
                return DateOnly.FromDayNumber((int)dayNumber);
            case CqlTypeCode.Time:
                var nanos = BinaryPrimitives.ReadInt64BigEndian(Exact(bytes, 8, type));
                return new TimeOnly(nanos / 100);
            case CqlTypeCode.Uuid:
            case CqlTypeCode.Timeuuid:
                return new Guid(Exact(bytes, 16, type), bigEndian: true);
            case CqlTypeCode.Varint:
                return new BigInteger(bytes, isUnsigned: false, isBigEndian: true);
            case CqlTypeCode.Decimal:
                var scale = BinaryPrimitives.ReadInt32BigEndian(bytes);
                return new CqlDecimal(new BigInteger(bytes[4..], isUnsigned: false, isBigEndian: true), scale);
            case CqlTypeCode.Inet:
                if (bytes.Length != 4 && bytes.Length != 16)
                {
                    throw new CqlProtocolViolationException($"An inet value has {bytes.Length} bytes (4 or 16 expected).");
                }
                return new IPAddress(bytes);
            default:
                return bytes.ToArray();
        }
    }

    private static object DecodeCollection(CqlType type, ReadOnlySpan<byte> bytes, int version)
    {
        var factory = ClrTypes.Collection(type);
        var position = 0;
        var count = ReadInt(bytes, ref position);
        var collection = factory.Create(count);
        for (var i = 0; i < count; i++)
        {
            if (type.Code == CqlTypeCode.Map)
            {
                var key = DecodeElement(type.Element!, bytes, ref position, version);
                var value = DecodeElement(type.Value!, bytes, ref position, version);
                factory.Put(collection, key, value);
            }
            else
            {
                factory.Add(collection, DecodeElement(type.Element!, bytes, ref position, version));
            }
        }
        return collection;
    }

    private static object? DecodeElement(CqlType type, ReadOnlySpan<byte> bytes, ref int position, int version)
    {
        var length = ReadInt(bytes, ref position);
        if (length < 0)
        {
            return null;
        }
        if (position + length > bytes.Length)
        {
            throw new CqlProtocolViolationException("A collection value is shorter than its element lengths say.");
        }
        var value = Decode(type, bytes.Slice(position, length), version);
        position += length;
        return value;
    }

    private static int ReadInt(ReadOnlySpan<byte> bytes, ref int position)
    {
        if (position + 4 > bytes.Length)
        {
            throw new CqlProtocolViolationException("A collection value is truncated.");
        }
        var value = BinaryPrimitives.ReadInt32BigEndian(bytes[position..]);
        position += 4;
        return value;
    }

    /// <summary>Decodes a non-null value for a typed accessor <c>Get&lt;T&gt;</c>.</summary>
    public static T Convert<T>(CqlColumn column, ReadOnlySpan<byte> bytes, int version)
    {
        var code = column.Type.Code;
        // Fast paths without boxing for the common scalar reads.
        if (typeof(T) == typeof(int) && code == CqlTypeCode.Int && bytes.Length == 4)
        {
            var v = BinaryPrimitives.ReadInt32BigEndian(bytes);
            return (T)(object)v;
        }
        if (typeof(T) == typeof(long) && bytes.Length == 8)
        {
            if (code is CqlTypeCode.Bigint or CqlTypeCode.Counter or CqlTypeCode.Timestamp or CqlTypeCode.Time)
            {
                var v = BinaryPrimitives.ReadInt64BigEndian(bytes);
                return (T)(object)v;
            }
        }
        if (typeof(T) == typeof(uint) && code == CqlTypeCode.Date && bytes.Length == 4)
        {
            var v = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            return (T)(object)v;
        }
        if (typeof(T) == typeof(string) && code is CqlTypeCode.Varchar or CqlTypeCode.Ascii)
        {
            return (T)(object)Encoding.UTF8.GetString(bytes);
        }
        var natural = Decode(column.Type, bytes, version);
        return ConvertNatural<T>(column, natural);
    }

    /// <summary>Converts a decoded value (null for empty) to <typeparamref name="T"/>.</summary>
    public static T ConvertNatural<T>(CqlColumn column, object? natural)
    {
        if (natural is null)
        {
            return NullAs<T>(column);
        }
        if (natural is T same)
        {
            return same;
        }
        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        object? converted = natural switch
        {
            CqlDecimal d when target == typeof(decimal) => d.ToDecimal(),
            DateTimeOffset dto when target == typeof(DateTime) => dto.UtcDateTime,
            int i when target == typeof(long) => (long)i,
            short s when target == typeof(int) => (int)s,
            short s when target == typeof(long) => (long)s,
            sbyte sb when target == typeof(int) => (int)sb,
            sbyte sb when target == typeof(long) => (long)sb,
            sbyte sb when target == typeof(short) => (short)sb,
            float f when target == typeof(double) => (double)f,
            TimeOnly t when target == typeof(TimeSpan) => t.ToTimeSpan(),
            BigInteger bi when target == typeof(long) => (long)bi,
            BigInteger bi when target == typeof(int) => (int)bi,
            _ => null,
        };
        if (converted is null)
        {
            throw new InvalidCastException(
                $"Column '{column.Name}' of type {column.Type} holds a {natural.GetType().Name}, which cannot be read as {typeof(T).Name}.");
        }
        return (T)converted;
    }

    /// <summary>What a typed accessor returns for null: default for nullable targets, empty for collections.</summary>
    public static T NullAs<T>(CqlColumn column)
    {
        if (default(T) is null && !column.Type.IsCollection)
        {
            return default!;
        }
        if (column.Type.IsCollection)
        {
            var empty = ClrTypes.Collection(column.Type).Create(0);
            if (empty is T typed)
            {
                return typed;
            }
            if (default(T) is null)
            {
                return default!;
            }
        }
        throw new InvalidCastException(
            $"Column '{column.Name}' is null (or empty); read it as {typeof(T).Name}? to accept that.");
    }

    private static ReadOnlySpan<byte> Exact(ReadOnlySpan<byte> bytes, int size, CqlType type)
    {
        if (bytes.Length != size)
        {
            throw new CqlProtocolViolationException($"A {type} value has {bytes.Length} bytes instead of {size}.");
        }
        return bytes;
    }

    private static int ToInt32(object value, CqlType type) => value switch
    {
        int i => i,
        short s => s,
        sbyte sb => sb,
        byte b => b,
        ushort us => us,
        _ => throw Mismatch(value, type),
    };

    private static long ToInt64(object value, CqlType type) => value switch
    {
        long l => l,
        int i => i,
        short s => s,
        sbyte sb => sb,
        byte b => b,
        ushort us => us,
        uint ui => ui,
        _ => throw Mismatch(value, type),
    };

    private static ArgumentException Mismatch(object value, CqlType type) =>
        new($"Cannot bind a {value.GetType().Name} value to a column of type {type}.");
}
