using System.Collections.Concurrent;
using System.Net;
using System.Numerics;

namespace ControlPlane.Cql.Serialization;

/// <summary>Maps CQL types to the CLR types values decode to, and builds typed collections.</summary>
internal static class ClrTypes
{
    private static readonly ConcurrentDictionary<Type, CollectionFactory> Factories = new();

    /// <summary>The CLR type a value of <paramref name="type"/> decodes to.</summary>
    public static Type For(CqlType type) => type.Code switch
    {
        CqlTypeCode.Ascii or CqlTypeCode.Varchar => typeof(string),
        CqlTypeCode.Bigint or CqlTypeCode.Counter => typeof(long),
        CqlTypeCode.Blob => typeof(byte[]),
        CqlTypeCode.Boolean => typeof(bool),
        CqlTypeCode.Decimal => typeof(CqlDecimal),
        CqlTypeCode.Double => typeof(double),
        CqlTypeCode.Float => typeof(float),
        CqlTypeCode.Int => typeof(int),
        CqlTypeCode.Timestamp => typeof(DateTimeOffset),
        CqlTypeCode.Uuid or CqlTypeCode.Timeuuid => typeof(Guid),
        CqlTypeCode.Varint => typeof(BigInteger),
        CqlTypeCode.Inet => typeof(IPAddress),
        CqlTypeCode.Date => typeof(DateOnly),
        CqlTypeCode.Time => typeof(TimeOnly),
        CqlTypeCode.Smallint => typeof(short),
        CqlTypeCode.Tinyint => typeof(sbyte),
        CqlTypeCode.List => typeof(List<>).MakeGenericType(For(type.Element!)),
        CqlTypeCode.Set => typeof(HashSet<>).MakeGenericType(For(type.Element!)),
        CqlTypeCode.Map => typeof(Dictionary<,>).MakeGenericType(For(type.Element!), For(type.Value!)),
        _ => typeof(byte[]),
    };

    /// <summary>Factory for List&lt;T&gt; / HashSet&lt;T&gt; of one element type, or Dictionary&lt;K,V&gt; of one pair.</summary>
    public static CollectionFactory Collection(CqlType type)
    {
        var clr = For(type);
        return Factories.GetOrAdd(clr, static t =>
        {
            var args = t.GetGenericArguments();
            var def = t.GetGenericTypeDefinition();
            var factory = def == typeof(List<>) ? typeof(ListFactory<>).MakeGenericType(args)
                : def == typeof(HashSet<>) ? typeof(SetFactory<>).MakeGenericType(args)
                : typeof(MapFactory<,>).MakeGenericType(args);
            return (CollectionFactory)Activator.CreateInstance(factory)!;
        });
    }

    /// <summary>The CQL type to send for a value when no metadata says (a simple statement's values).</summary>
    public static CqlType Infer(object value) => value switch
    {
        string => CqlType.Varchar,
        int => CqlType.Int,
        long => CqlType.Bigint,
        short => CqlType.Smallint,
        sbyte => CqlType.Tinyint,
        byte => CqlType.Int,
        ushort => CqlType.Int,
        uint => CqlType.Bigint,
        bool => CqlType.Boolean,
        float => CqlType.Float,
        double => CqlType.Double,
        decimal or CqlDecimal => CqlType.Decimal,
        BigInteger => CqlType.Varint,
        DateTimeOffset or DateTime => CqlType.Timestamp,
        DateOnly => CqlType.Date,
        TimeOnly => CqlType.Time,
        Guid => CqlType.Uuid,
        IPAddress => CqlType.Inet,
        byte[] or ReadOnlyMemory<byte> or Memory<byte> or ArraySegment<byte> => CqlType.Blob,
        _ => InferCollection(value),
    };

    private static CqlType InferCollection(object value)
    {
        var type = value.GetType();
        foreach (var iface in type.GetInterfaces().Prepend(type))
        {
            if (!iface.IsGenericType)
            {
                continue;
            }
            var def = iface.GetGenericTypeDefinition();
            if (def == typeof(IDictionary<,>) || def == typeof(IReadOnlyDictionary<,>))
            {
                var args = iface.GetGenericArguments();
                return CqlType.Map(InferClr(args[0]), InferClr(args[1]));
            }
        }
        foreach (var iface in type.GetInterfaces().Prepend(type))
        {
            if (iface.IsGenericType && (iface.GetGenericTypeDefinition() == typeof(ISet<>) || iface.GetGenericTypeDefinition() == typeof(IReadOnlySet<>)))
            {
                return CqlType.Set(InferClr(iface.GetGenericArguments()[0]));
            }
        }
        foreach (var iface in type.GetInterfaces().Prepend(type))
        {
            if (iface.IsGenericType && iface.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            {
                return CqlType.List(InferClr(iface.GetGenericArguments()[0]));
            }
        }
        throw new ArgumentException(
            $"Cannot tell the CQL type of a {type.FullName} value; bind it through a prepared statement or use a supported CLR type.");
    }

    private static CqlType InferClr(Type clr)
    {
        clr = Nullable.GetUnderlyingType(clr) ?? clr;
        if (clr == typeof(string)) return CqlType.Varchar;
        if (clr == typeof(int)) return CqlType.Int;
        if (clr == typeof(long)) return CqlType.Bigint;
        if (clr == typeof(short)) return CqlType.Smallint;
        if (clr == typeof(sbyte)) return CqlType.Tinyint;
        if (clr == typeof(bool)) return CqlType.Boolean;
        if (clr == typeof(float)) return CqlType.Float;
        if (clr == typeof(double)) return CqlType.Double;
        if (clr == typeof(decimal) || clr == typeof(CqlDecimal)) return CqlType.Decimal;
        if (clr == typeof(BigInteger)) return CqlType.Varint;
        if (clr == typeof(DateTimeOffset) || clr == typeof(DateTime)) return CqlType.Timestamp;
        if (clr == typeof(DateOnly)) return CqlType.Date;
        if (clr == typeof(TimeOnly)) return CqlType.Time;
        if (clr == typeof(Guid)) return CqlType.Uuid;
        if (typeof(IPAddress).IsAssignableFrom(clr)) return CqlType.Inet;
        if (clr == typeof(byte[])) return CqlType.Blob;
        throw new ArgumentException($"Cannot tell the CQL type of collection elements of type {clr.FullName}.");
    }
}
