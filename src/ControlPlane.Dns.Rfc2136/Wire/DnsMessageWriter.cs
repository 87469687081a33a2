using System.Buffers.Binary;
using System.Text;

namespace ControlPlane.Dns.Rfc2136.Wire;

/// <summary>
/// Writes DNS messages in wire format (RFC 1035 4.1), big-endian, compressing owner names and the
/// names inside NS, CNAME and SOA data with pointers to earlier occurrences (RFC 1035 4.1.4).
/// </summary>
/// <remarks>
/// Compression matches suffixes exactly (ordinal), so a name keeps the case it was given.
/// TSIG records are never compressed, and <see cref="WriteCanonicalName"/> writes the lower-case,
/// uncompressed form that TSIG digests (RFC 8945 4.3.3).
/// </remarks>
internal sealed class DnsMessageWriter
{
    /// <summary>The largest offset a 14-bit compression pointer can reach.</summary>
    private const int MaxPointerOffset = 0x3FFF;

    private readonly Dictionary<string, int> _suffixOffsets = new(StringComparer.Ordinal);
    private readonly bool _compress;
    private byte[] _buffer = new byte[512];

    public DnsMessageWriter(bool compress = true) => _compress = compress;

    public int Length { get; private set; }

    /// <summary>Serializes <paramref name="message"/>, every section in order.</summary>
    public static byte[] Write(DnsMessage message, bool compress = true)
    {
        var writer = new DnsMessageWriter(compress);
        writer.WriteMessage(message);
        return writer.ToArray();
    }

    /// <summary>Returns a copy of <paramref name="wire"/> with <paramref name="record"/> appended to the additional section.</summary>
    public static byte[] AppendAdditional(ReadOnlySpan<byte> wire, DnsRecord record)
    {
        var writer = new DnsMessageWriter(compress: false);
        writer.WriteBytes(wire);
        writer.WriteRecord(record);
        var result = writer.ToArray();
        var count = BinaryPrimitives.ReadUInt16BigEndian(result.AsSpan(10));
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(10), checked((ushort)(count + 1)));
        return result;
    }

    public byte[] ToArray() => _buffer.AsSpan(0, Length).ToArray();

    public void WriteMessage(DnsMessage message)
    {
        WriteUInt16(message.Id);
        var flags = (message.IsResponse ? 0x8000 : 0)
                    | ((int)message.Opcode & 0xF) << 11
                    | (message.Authoritative ? 0x0400 : 0)
                    | (message.Truncated ? 0x0200 : 0)
                    | (message.RecursionDesired ? 0x0100 : 0)
                    | (message.RecursionAvailable ? 0x0080 : 0)
                    | (message.AuthenticData ? 0x0020 : 0)
                    | (message.CheckingDisabled ? 0x0010 : 0)
                    | ((int)message.Rcode & 0xF);
        WriteUInt16((ushort)flags);
        WriteUInt16(checked((ushort)message.Questions.Count));
        WriteUInt16(checked((ushort)message.Answers.Count));
        WriteUInt16(checked((ushort)message.Authorities.Count));
        WriteUInt16(checked((ushort)message.Additionals.Count));

        foreach (var question in message.Questions)
        {
            WriteName(question.Name, _compress);
            WriteUInt16((ushort)question.Type);
            WriteUInt16((ushort)question.Class);
        }

        foreach (var record in message.Answers.Concat(message.Authorities).Concat(message.Additionals))
        {
            WriteRecord(record);
        }
    }

    public void WriteRecord(DnsRecord record)
    {
        var compress = _compress && record.Type != DnsType.TSIG;
        WriteName(record.Name, compress);
        WriteUInt16((ushort)record.Type);
        WriteUInt16((ushort)record.Class);
        WriteUInt32(record.Ttl);
        var lengthAt = Length;
        WriteUInt16(0);
        WriteRecordData(record.Data, compress);
        var rdLength = Length - lengthAt - 2;
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(lengthAt), checked((ushort)rdLength));
    }

    /// <summary>Writes a name, pointing at an earlier occurrence of its longest known suffix when compressing.</summary>
    public void WriteName(string name, bool compress)
    {
        var labels = DnsName.ToLabels(name);
        for (var i = 0; i < labels.Count; i++)
        {
            var suffix = compress ? SuffixKey(labels, i) : null;
            if (suffix is not null && _suffixOffsets.TryGetValue(suffix, out var offset))
            {
                WriteUInt16((ushort)(0xC000 | offset));
                return;
            }

            if (suffix is not null && Length <= MaxPointerOffset)
            {
                _suffixOffsets[suffix] = Length;
            }

            WriteByte((byte)labels[i].Length);
            WriteBytes(labels[i]);
        }

        WriteByte(0);
    }

    /// <summary>Lower-case, uncompressed: the form TSIG digests key and algorithm names in.</summary>
    public void WriteCanonicalName(string name)
    {
        foreach (var label in DnsName.ToLabels(name))
        {
            WriteByte((byte)label.Length);
            foreach (var b in label)
            {
                WriteByte(b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b);
            }
        }

        WriteByte(0);
    }

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[Length++] = value;
    }

    public void WriteUInt16(ushort value)
    {
        Ensure(2);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(Length), value);
        Length += 2;
    }

    public void WriteUInt32(uint value)
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(Length), value);
        Length += 4;
    }

    /// <summary>The 48-bit unsigned integer of TSIG's Time Signed.</summary>
    public void WriteUInt48(ulong value)
    {
        if (value > TsigData.MaxTimeSigned)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "does not fit in 48 bits");
        }

        WriteUInt16((ushort)(value >> 32));
        WriteUInt32((uint)value);
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    private void WriteRecordData(DnsRecordData data, bool compress)
    {
        switch (data)
        {
            case EmptyData:
                break;
            case AddressData address:
                WriteBytes(address.Address.GetAddressBytes());
                break;
            case DomainNameData target:
                WriteName(target.Name, compress);
                break;
            case SoaData soa:
                WriteName(soa.PrimaryServer, compress);
                WriteName(soa.Mailbox, compress);
                WriteUInt32(soa.Serial);
                WriteUInt32(soa.Refresh);
                WriteUInt32(soa.Retry);
                WriteUInt32(soa.Expire);
                WriteUInt32(soa.Minimum);
                break;
            case TxtData txt:
                foreach (var s in txt.Strings)
                {
                    var bytes = Encoding.Latin1.GetBytes(s);
                    if (bytes.Length > 255 || Encoding.Latin1.GetString(bytes) != s)
                    {
                        throw new ArgumentException("a TXT character-string holds at most 255 octets (Latin-1 characters)", nameof(data));
                    }

                    WriteByte((byte)bytes.Length);
                    WriteBytes(bytes);
                }

                break;
            case TsigData tsig:
                WriteName(tsig.Algorithm, compress: false);
                WriteUInt48(tsig.TimeSigned);
                WriteUInt16(tsig.Fudge);
                WriteUInt16(checked((ushort)tsig.Mac.Length));
                WriteBytes(tsig.Mac);
                WriteUInt16(tsig.OriginalId);
                WriteUInt16((ushort)tsig.Error);
                WriteUInt16(checked((ushort)tsig.OtherData.Length));
                WriteBytes(tsig.OtherData);
                break;
            case RawData raw:
                WriteBytes(raw.Bytes);
                break;
            default:
                throw new ArgumentException($"cannot write RDATA of type {data.GetType().Name}", nameof(data));
        }
    }

    private static string SuffixKey(IReadOnlyList<byte[]> labels, int start) =>
        DnsName.FromLabels(labels.Skip(start));

    private void Ensure(int count)
    {
        if (Length + count <= _buffer.Length)
        {
            return;
        }

        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
    }
}
