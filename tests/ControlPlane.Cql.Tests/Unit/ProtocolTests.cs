using ControlPlane.Cql.Policies;
using ControlPlane.Cql.Protocol;

namespace ControlPlane.Cql.Tests.Unit;

public sealed class ProtocolTests
{
    [Fact]
    public void A_v4_prepared_result_with_partition_key_indexes_is_parsed()
    {
        using var w = new FrameWriter(4, Opcode.Result);
        w.WriteInt(ResultParser.KindPrepared);
        w.WriteShortBytes(new byte[] { 9, 9 });
        // Variables: global table spec, 2 columns, 1 partition key index.
        w.WriteInt(0x0001);
        w.WriteInt(2);
        w.WriteInt(1);
        w.WriteShort(0);
        w.WriteString("ks");
        w.WriteString("tb");
        w.WriteString("id");
        w.WriteUShort((ushort)CqlTypeCode.Int);
        w.WriteString("tags");
        w.WriteUShort((ushort)CqlTypeCode.Map);
        w.WriteUShort((ushort)CqlTypeCode.Varchar);
        w.WriteUShort((ushort)CqlTypeCode.Date);
        // Result metadata: none.
        w.WriteInt(0x0004);
        w.WriteInt(0);

        var (id, variables, result) = ResultParser.ParsePrepared(new FrameReader(w.Written[Frame.HeaderLength..].ToArray(), 4));
        Assert.Equal(new byte[] { 9, 9 }, id);
        Assert.Equal(["id", "tags"], variables.Columns.Select(c => c.Name));
        Assert.Equal("map<text, date>", variables.Columns[1].Type.ToString());
        Assert.Empty(result.Columns);
    }

    [Fact]
    public void Rows_with_paging_state_and_nulls_are_parsed()
    {
        using var w = new FrameWriter(3, Opcode.Result);
        w.WriteInt(ResultParser.KindRows);
        w.WriteInt(0x0001 | 0x0002);
        w.WriteInt(2);
        w.WriteBytes(new byte[] { 7 });
        w.WriteString("ks");
        w.WriteString("tb");
        w.WriteString("k");
        w.WriteUShort((ushort)CqlTypeCode.Int);
        w.WriteString("v");
        w.WriteUShort((ushort)CqlTypeCode.Varchar);
        w.WriteInt(2);
        w.WriteBytes(new byte[] { 0, 0, 0, 1 });
        w.WriteBytes("a"u8);
        w.WriteBytes(new byte[] { 0, 0, 0, 2 });
        w.WriteNullBytes();

        var rows = ResultParser.ParseRowSet(new FrameReader(w.Written[Frame.HeaderLength..].ToArray(), 3), null);
        Assert.Equal(new byte[] { 7 }, rows.PagingState);
        Assert.Equal(2, rows.Count);
        Assert.Equal("a", rows[0].Get<string>("v"));
        Assert.Equal(2, rows[1].Get<int>("K"));
        Assert.True(rows[1].IsNull("v"));
    }

    [Fact]
    public void Query_frames_carry_the_flags_of_the_parameters_set()
    {
        using var w = new FrameWriter(4, Opcode.Query);
        Requests.Query(w, "SELECT 1", new QueryParameters(CqlConsistency.LocalQuorum, [1], null, false, 100, [5], CqlConsistency.LocalSerial, 42));
        w.Finish();
        var frame = w.Written.ToArray();
        Assert.Equal(4, frame[0]);
        Assert.Equal((byte)Opcode.Query, frame[4]);
        Assert.Equal(frame.Length - Frame.HeaderLength, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(5)));
        var reader = new FrameReader(frame[Frame.HeaderLength..], 4);
        Assert.Equal("SELECT 1", reader.ReadLongString());
        Assert.Equal(CqlConsistency.LocalQuorum, reader.ReadConsistency());
        Assert.Equal(0x01 | 0x04 | 0x08 | 0x10 | 0x20, reader.ReadByte());
    }

    [Fact]
    public void Client_timestamps_strictly_increase_even_when_the_clock_stands_still()
    {
        var clock = new FixedClock(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var generator = new TimestampGenerator(clock);
        var first = generator.Next();
        Assert.Equal(TimestampGenerator.ToMicros(clock.GetUtcNow()), first);
        Assert.Equal(first + 1, generator.Next());
        Assert.Equal(first + 2, generator.Next());
    }

    [Fact]
    public void Invalid_options_are_reported_all_at_once_naming_each_field()
    {
        var errors = new CqlClusterOptions { Port = 0, MaxProtocolVersion = 5, DefaultConsistency = CqlConsistency.Serial, ConnectionsPerHost = 0 }.Validate();
        Assert.Contains(errors, e => e.StartsWith("ContactPoints:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Port:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("MaxProtocolVersion:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("DefaultConsistency:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("ConnectionsPerHost:", StringComparison.Ordinal));
    }

    private sealed class FixedClock : TimeProvider
    {
        private readonly DateTimeOffset _now;

        public FixedClock(DateTimeOffset now)
        {
            _now = now;
        }

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
