namespace ControlPlane.Cql;

/// <summary>A CQL column type: a code, plus element types for collections (and a class name for custom types).</summary>
public sealed class CqlType : IEquatable<CqlType>
{
    private CqlType(CqlTypeCode code, CqlType? element = null, CqlType? value = null, string? custom = null)
    {
        Code = code;
        Element = element;
        Value = value;
        CustomClass = custom;
    }

    public static CqlType Ascii { get; } = new(CqlTypeCode.Ascii);
    public static CqlType Bigint { get; } = new(CqlTypeCode.Bigint);
    public static CqlType Blob { get; } = new(CqlTypeCode.Blob);
    public static CqlType Boolean { get; } = new(CqlTypeCode.Boolean);
    public static CqlType Counter { get; } = new(CqlTypeCode.Counter);
    public static CqlType Decimal { get; } = new(CqlTypeCode.Decimal);
    public static CqlType Double { get; } = new(CqlTypeCode.Double);
    public static CqlType Float { get; } = new(CqlTypeCode.Float);
    public static CqlType Int { get; } = new(CqlTypeCode.Int);
    public static CqlType Timestamp { get; } = new(CqlTypeCode.Timestamp);
    public static CqlType Uuid { get; } = new(CqlTypeCode.Uuid);
    public static CqlType Varchar { get; } = new(CqlTypeCode.Varchar);
    public static CqlType Varint { get; } = new(CqlTypeCode.Varint);
    public static CqlType Timeuuid { get; } = new(CqlTypeCode.Timeuuid);
    public static CqlType Inet { get; } = new(CqlTypeCode.Inet);
    public static CqlType Date { get; } = new(CqlTypeCode.Date);
    public static CqlType Time { get; } = new(CqlTypeCode.Time);
    public static CqlType Smallint { get; } = new(CqlTypeCode.Smallint);
    public static CqlType Tinyint { get; } = new(CqlTypeCode.Tinyint);

    /// <summary>The type code.</summary>
    public CqlTypeCode Code { get; }

    /// <summary>Element type of a list or set, key type of a map.</summary>
    public CqlType? Element { get; }

    /// <summary>Value type of a map.</summary>
    public CqlType? Value { get; }

    /// <summary>Java class name of a custom type.</summary>
    public string? CustomClass { get; }

    /// <summary>True for list, set and map.</summary>
    public bool IsCollection => Code is CqlTypeCode.List or CqlTypeCode.Set or CqlTypeCode.Map;

    /// <summary>The smallest protocol version that knows this type (4 for date, time, smallint, tinyint).</summary>
    public int MinimumProtocolVersion => Code switch
    {
        CqlTypeCode.Date or CqlTypeCode.Time or CqlTypeCode.Smallint or CqlTypeCode.Tinyint => 4,
        _ => Math.Max(Element?.MinimumProtocolVersion ?? 1, Value?.MinimumProtocolVersion ?? 1),
    };

    public static CqlType List(CqlType element) => new(CqlTypeCode.List, element ?? throw new ArgumentNullException(nameof(element)));

    public static CqlType Set(CqlType element) => new(CqlTypeCode.Set, element ?? throw new ArgumentNullException(nameof(element)));

    public static CqlType Map(CqlType key, CqlType value) =>
        new(CqlTypeCode.Map, key ?? throw new ArgumentNullException(nameof(key)), value ?? throw new ArgumentNullException(nameof(value)));

    public static CqlType Custom(string className) => new(CqlTypeCode.Custom, custom: className);

    internal static CqlType Other(CqlTypeCode code) => new(code);

    /// <summary>The simple type for a code; collections need their element types.</summary>
    public static CqlType FromCode(CqlTypeCode code) => code switch
    {
        CqlTypeCode.Ascii => Ascii,
        CqlTypeCode.Bigint => Bigint,
        CqlTypeCode.Blob => Blob,
        CqlTypeCode.Boolean => Boolean,
        CqlTypeCode.Counter => Counter,
        CqlTypeCode.Decimal => Decimal,
        CqlTypeCode.Double => Double,
        CqlTypeCode.Float => Float,
        CqlTypeCode.Int => Int,
        CqlTypeCode.Timestamp => Timestamp,
        CqlTypeCode.Uuid => Uuid,
        CqlTypeCode.Varchar => Varchar,
        CqlTypeCode.Varint => Varint,
        CqlTypeCode.Timeuuid => Timeuuid,
        CqlTypeCode.Inet => Inet,
        CqlTypeCode.Date => Date,
        CqlTypeCode.Time => Time,
        CqlTypeCode.Smallint => Smallint,
        CqlTypeCode.Tinyint => Tinyint,
        _ => new CqlType(code),
    };

    public bool Equals(CqlType? other) =>
        other is not null && Code == other.Code && Equals(Element, other.Element) && Equals(Value, other.Value)
        && CustomClass == other.CustomClass;

    public override bool Equals(object? obj) => obj is CqlType other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Code, Element, Value, CustomClass);

    /// <summary>The CQL spelling: <c>map&lt;text, int&gt;</c>.</summary>
    public override string ToString()
    {
        return Code switch
        {
            CqlTypeCode.List => $"list<{Element}>",
            CqlTypeCode.Set => $"set<{Element}>",
            CqlTypeCode.Map => $"map<{Element}, {Value}>",
            CqlTypeCode.Custom => $"'{CustomClass}'",
            CqlTypeCode.Varchar => "text",
            _ => Code.ToString().ToLowerInvariant(),
        };
    }
}
