using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace ControlPlane.Dns.Rfc2136.Wire;

/// <summary>
/// Parses DNS messages from wire format, following compression pointers (RFC 1035 4.1.4) in owner
/// names and in the names inside NS, CNAME and SOA data.
/// </summary>
/// <remarks>
/// A pointer must point before the start of the name being read; that rules out loops without
/// counting hops. Every read is bounds-checked and a malformed message raises
/// <see cref="DnsFormatException"/>, never an index exception.
/// </remarks>
internal ref struct DnsMessageReader
{
    private readonly ReadOnlySpan<byte> _wire;
    private int _position;

    private DnsMessageReader(ReadOnlySpan<byte> wire)
    {
        _wire = wire;
        _position = 0;
    }

    /// <summary>Parses a whole message.</summary>
    /// <exception cref="DnsFormatException">The message is malformed.</exception>
    public static DnsMessage Read(ReadOnlySpan<byte> wire) => Read(wire, out _);

    /// <summary>Parses a whole message and tells where its last record starts (the TSIG record, when signed).</summary>
    /// <param name="lastAdditionalOffset">Offset of the last additional record, or -1 when there is none.</param>
    /// <exception cref="DnsFormatException">The message is malformed.</exception>
    public static DnsMessage Read(ReadOnlySpan<byte> wire, out int lastAdditionalOffset)
    {
        var reader = new DnsMessageReader(wire);
        var message = reader.ReadMessage(out lastAdditionalOffset);
        if (reader._position != wire.Length)
        {
            throw new DnsFormatException($"{wire.Length - reader._position} octets after the last record");
        }

        return message;
    }

    private DnsMessage ReadMessage(out int lastAdditionalOffset)
    {
        if (_wire.Length < 12)
        {
            throw new DnsFormatException($"a message of {_wire.Length} octets is shorter than the 12-octet header");
        }

        var id = ReadUInt16();
        var flags = ReadUInt16();
        var counts = new[] { ReadUInt16(), ReadUInt16(), ReadUInt16(), ReadUInt16() };

        var questions = new List<DnsQuestion>(counts[0]);
        for (var i = 0; i < counts[0]; i++)
        {
            questions.Add(new DnsQuestion(ReadName(), (DnsType)ReadUInt16(), (DnsClass)ReadUInt16()));
        }

        var answers = ReadRecords(counts[1], out _);
        var authorities = ReadRecords(counts[2], out _);
        var additionals = ReadRecords(counts[3], out lastAdditionalOffset);

        return new DnsMessage
        {
            Id = id,
            IsResponse = (flags & 0x8000) != 0,
            Opcode = (DnsOpcode)((flags >> 11) & 0xF),
            Authoritative = (flags & 0x0400) != 0,
            Truncated = (flags & 0x0200) != 0,
            RecursionDesired = (flags & 0x0100) != 0,
            RecursionAvailable = (flags & 0x0080) != 0,
            AuthenticData = (flags & 0x0020) != 0,
            CheckingDisabled = (flags & 0x0010) != 0,
            Rcode = (DnsRcode)(flags & 0xF),
            Questions = questions,
            Answers = answers,
            Authorities = authorities,
            Additionals = additionals,
        };
    }

    private List<DnsRecord> ReadRecords(int count, out int lastOffset)
    {
        lastOffset = -1;
        var records = new List<DnsRecord>(count);
        for (var i = 0; i < count; i++)
        {
            lastOffset = _position;
            records.Add(ReadRecord());
        }

        return records;
    }

    private DnsRecord ReadRecord()
    {
        var name = ReadName();
        var type = (DnsType)ReadUInt16();
        var @class = (DnsClass)ReadUInt16();
        var ttl = ReadUInt32();
        var rdLength = ReadUInt16();
        var end = _position + rdLength;
        if (end > _wire.Length)
        {
            throw new DnsFormatException($"RDATA of {name} {type} runs past the end of the message");
        }

        var data = ReadRecordData(type, rdLength, name);
        if (_position != end)
        {
            throw new DnsFormatException($"RDATA of {name} {type} is {rdLength} octets but its content is {rdLength + _position - end}");
        }

        return new DnsRecord(name, type, @class, ttl, data);
    }

    private DnsRecordData ReadRecordData(DnsType type, int length, string owner)
    {
        if (length == 0)
        {
            return EmptyData.Instance;
        }

        switch (type)
        {
            case DnsType.A when length == 4:
            case DnsType.AAAA when length == 16:
                return new AddressData(new IPAddress(ReadBytes(length)));
            case DnsType.A:
            case DnsType.AAAA:
                throw new DnsFormatException($"{owner} {type} has {length} octets of address");
            case DnsType.NS:
            case DnsType.CNAME:
                return new DomainNameData(ReadName());
            case DnsType.SOA:
                return new SoaData(ReadName(), ReadName(), ReadUInt32(), ReadUInt32(), ReadUInt32(), ReadUInt32(), ReadUInt32());
            case DnsType.TXT:
                var strings = new List<string>();
                var end = _position + length;
                while (_position < end)
                {
                    strings.Add(Encoding.Latin1.GetString(ReadBytes(ReadByte())));
                }

                return new TxtData(strings);
            case DnsType.TSIG:
                return new TsigData(
                    ReadName(), ReadUInt48(), ReadUInt16(), ReadBytes(ReadUInt16()), ReadUInt16(), (DnsRcode)ReadUInt16(), ReadBytes(ReadUInt16()));
            default:
                return new RawData(ReadBytes(length));
        }
    }

    /// <summary>Reads a possibly compressed name and leaves the position after its in-place part.</summary>
    private string ReadName()
    {
        var labels = new List<byte[]>();
        var wireLength = 1;
        var position = _position;
        var limit = _position; // a pointer must point before the start of the name (or of the label run it jumped to)
        var resumeAt = -1;
        while (true)
        {
            if (position >= _wire.Length)
            {
                throw new DnsFormatException("a name runs past the end of the message");
            }

            var length = _wire[position];
            if ((length & 0xC0) == 0xC0)
            {
                if (position + 1 >= _wire.Length)
                {
                    throw new DnsFormatException("a compression pointer runs past the end of the message");
                }

                var target = ((length & 0x3F) << 8) | _wire[position + 1];
                if (target >= limit)
                {
                    throw new DnsFormatException($"a compression pointer at {position} points forward or into itself (to {target})");
                }

                if (resumeAt < 0)
                {
                    resumeAt = position + 2;
                }

                position = target;
                limit = target;
                continue;
            }

            if ((length & 0xC0) != 0)
            {
                throw new DnsFormatException($"unsupported label type 0x{length & 0xC0:X2} at {position}");
            }

            position++;
            if (length == 0)
            {
                break;
            }

            if (position + length > _wire.Length)
            {
                throw new DnsFormatException("a label runs past the end of the message");
            }

            wireLength += length + 1;
            if (wireLength > DnsName.MaxWireLength)
            {
                throw new DnsFormatException($"a name is longer than {DnsName.MaxWireLength} octets");
            }

            labels.Add(_wire.Slice(position, length).ToArray());
            position += length;
        }

        _position = resumeAt >= 0 ? resumeAt : position;
        return DnsName.FromLabels(labels);
    }

    private byte ReadByte()
    {
        Need(1);
        return _wire[_position++];
    }

    private ushort ReadUInt16()
    {
        Need(2);
        var value = BinaryPrimitives.ReadUInt16BigEndian(_wire[_position..]);
        _position += 2;
        return value;
    }

    private uint ReadUInt32()
    {
        Need(4);
        var value = BinaryPrimitives.ReadUInt32BigEndian(_wire[_position..]);
        _position += 4;
        return value;
    }

    private ulong ReadUInt48() => ((ulong)ReadUInt16() << 32) | ReadUInt32();

    private byte[] ReadBytes(int count)
    {
        Need(count);
        var bytes = _wire.Slice(_position, count).ToArray();
        _position += count;
        return bytes;
    }

    private readonly void Need(int count)
    {
        if (_position + count > _wire.Length)
        {
            throw new DnsFormatException($"the message ends at {_wire.Length} octets where {count} more were expected at {_position}");
        }
    }
}
