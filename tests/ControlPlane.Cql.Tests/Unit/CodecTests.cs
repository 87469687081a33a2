using System.Net;
using System.Numerics;
using ControlPlane.Cql.Protocol;
using ControlPlane.Cql.Serialization;

namespace ControlPlane.Cql.Tests.Unit;

public sealed class CodecTests
{
    public static TheoryData<CqlType, object> V4Values() => new()
    {
        { CqlType.Smallint, short.MinValue },
        { CqlType.Smallint, short.MaxValue },
        { CqlType.Tinyint, sbyte.MinValue },
        { CqlType.Tinyint, sbyte.MaxValue },
        { CqlType.Date, DateOnly.MinValue },
        { CqlType.Date, DateOnly.MaxValue },
        { CqlType.Date, new DateOnly(1970, 1, 1) },
        { CqlType.Time, TimeOnly.MinValue },
        { CqlType.Time, TimeOnly.MaxValue },
        { CqlType.List(CqlType.Smallint), new List<short> { -1, 0, 1 } },
        { CqlType.Map(CqlType.Date, CqlType.Tinyint), new Dictionary<DateOnly, sbyte> { [new DateOnly(2024, 2, 29)] = -7 } },
    };

    [Theory]
    [MemberData(nameof(V4Values))]
    public void Protocol_v4_types_round_trip_at_their_limits(CqlType type, object value)
    {
        var decoded = RoundTrip(type, value, version: 4);
        Assert.Equal(value, decoded);
    }

    [Fact]
    public void Date_raw_day_numbers_cover_the_full_unsigned_range()
    {
        foreach (var raw in new[] { 0u, 1u << 31, uint.MaxValue })
        {
            var bytes = Encode(CqlType.Date, raw, 4);
            Assert.Equal(raw, CqlCodec.Convert<uint>(new CqlColumn("k", "t", "d", CqlType.Date), bytes, 4));
        }
        Assert.Equal(new byte[] { 0x80, 0, 0, 0 }, Encode(CqlType.Date, new DateOnly(1970, 1, 1), 4));
    }

    [Fact]
    public void Time_raw_nanoseconds_keep_full_precision()
    {
        const long lastNanosecond = 86_399_999_999_999;
        var bytes = Encode(CqlType.Time, lastNanosecond, 4);
        Assert.Equal(lastNanosecond, CqlCodec.Convert<long>(new CqlColumn("k", "t", "c", CqlType.Time), bytes, 4));
        Assert.Throws<ArgumentException>(() => Encode(CqlType.Time, lastNanosecond + 1, 4));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("123.4500")]
    public void Decimals_convert_exactly_both_ways(string text)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var cql = (CqlDecimal)value;
        Assert.Equal(value, cql.ToDecimal());
        Assert.Equal(text, cql.ToString());
        Assert.Equal(cql, RoundTrip(CqlType.Decimal, value, 3));
    }

    [Fact]
    public void Decimals_beyond_System_Decimal_stay_exact_as_CqlDecimal()
    {
        var huge = new CqlDecimal(BigInteger.Pow(10, 50) + 1, 3);
        Assert.Equal(huge, RoundTrip(CqlType.Decimal, huge, 3));
        Assert.Throws<OverflowException>(() => huge.ToDecimal());
        Assert.Equal("100000000000000000000000000000000000000000000000.001", huge.ToString());
        Assert.Equal("1200", new CqlDecimal(12, -2).ToString());
    }

    [Fact]
    public void Varints_use_minimal_twos_complement()
    {
        Assert.Equal(new byte[] { 0x00, 0x80 }, Encode(CqlType.Varint, new BigInteger(128), 3));
        Assert.Equal(new byte[] { 0x80 }, Encode(CqlType.Varint, new BigInteger(-128), 3));
        Assert.Equal(new byte[] { 0x00 }, Encode(CqlType.Varint, BigInteger.Zero, 3));
    }

    [Fact]
    public void Uuids_are_big_endian_as_in_rfc_4122()
    {
        var guid = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
        Assert.Equal(Convert.FromHexString("00112233445566778899aabbccddeeff"), Encode(CqlType.Uuid, guid, 3));
    }

    [Fact]
    public void Inet_accepts_v4_and_v6()
    {
        Assert.Equal(IPAddress.Parse("10.1.2.3"), RoundTrip(CqlType.Inet, IPAddress.Parse("10.1.2.3"), 3));
        Assert.Equal(IPAddress.IPv6Loopback, RoundTrip(CqlType.Inet, IPAddress.IPv6Loopback, 3));
    }

    [Fact]
    public void Collections_refuse_null_elements()
    {
        Assert.Throws<ArgumentException>(() => Encode(CqlType.List(CqlType.Varchar), new List<string?> { "a", null }, 3));
    }

    [Fact]
    public void Values_are_widened_only_when_lossless()
    {
        Assert.Equal(5L, RoundTrip(CqlType.Bigint, 5, 3));
        Assert.Equal(5.0, RoundTrip(CqlType.Double, 5, 3));
        Assert.Throws<ArgumentException>(() => Encode(CqlType.Int, 5L, 3));
        Assert.Throws<ArgumentException>(() => Encode(CqlType.Varchar, 5, 3));
    }

    [Fact]
    public void Types_are_inferred_from_clr_values_for_simple_statements()
    {
        Assert.Equal(CqlType.Bigint, ClrTypes.Infer(1L));
        Assert.Throws<ArgumentException>(() => ClrTypes.Infer(new object()));
        Assert.Equal(CqlType.Set(CqlType.Uuid), ClrTypes.Infer(new HashSet<Guid>()));
        Assert.Equal(CqlType.List(CqlType.Varchar), ClrTypes.Infer(new[] { "a" }));
        Assert.Equal(CqlType.Map(CqlType.Varchar, CqlType.Int), ClrTypes.Infer(new Dictionary<string, int>()));
    }

    private static byte[] Encode(CqlType type, object value, int version)
    {
        using var writer = new FrameWriter(version, Opcode.Query);
        CqlCodec.Write(writer, type, value, version);
        return writer.Written[(Frame.HeaderLength + 4)..].ToArray();
    }

    private static object? RoundTrip(CqlType type, object value, int version) =>
        CqlCodec.Decode(type, Encode(type, value, version), version);
}
