using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace ControlPlane.Cql.Protocol;

/// <summary>Reads the protocol's notations ([int], [string], [bytes], ...) from a response body.</summary>
internal sealed class FrameReader
{
    private readonly byte[] _buffer;
    private int _position;

    public FrameReader(byte[] buffer, int version)
    {
        _buffer = buffer;
        Version = version;
    }

    public int Version { get; }

    public byte[] Buffer => _buffer;

    public int Position => _position;

    public int Remaining => _buffer.Length - _position;

    public byte ReadByte()
    {
        Ensure(1);
        return _buffer[_position++];
    }

    public short ReadShort()
    {
        Ensure(2);
        var value = BinaryPrimitives.ReadInt16BigEndian(_buffer.AsSpan(_position));
        _position += 2;
        return value;
    }

    public ushort ReadUShort() => unchecked((ushort)ReadShort());

    public int ReadInt()
    {
        Ensure(4);
        var value = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_position));
        _position += 4;
        return value;
    }

    public long ReadLong()
    {
        Ensure(8);
        var value = BinaryPrimitives.ReadInt64BigEndian(_buffer.AsSpan(_position));
        _position += 8;
        return value;
    }

    public string ReadString()
    {
        int length = ReadUShort();
        Ensure(length);
        var value = Encoding.UTF8.GetString(_buffer, _position, length);
        _position += length;
        return value;
    }

    public string ReadLongString()
    {
        var length = ReadInt();
        Ensure(length);
        var value = Encoding.UTF8.GetString(_buffer, _position, length);
        _position += length;
        return value;
    }

    public Guid ReadUuid()
    {
        Ensure(16);
        var value = new Guid(_buffer.AsSpan(_position, 16), bigEndian: true);
        _position += 16;
        return value;
    }

    /// <summary>[bytes]: returns (offset, length) into <see cref="Buffer"/>; length -1 is null, -2 (v4) not set.</summary>
    public (int Offset, int Length) ReadBytesSegment()
    {
        var length = ReadInt();
        if (length < 0)
        {
            return (_position, length);
        }
        Ensure(length);
        var offset = _position;
        _position += length;
        return (offset, length);
    }

    public byte[]? ReadBytes()
    {
        var (offset, length) = ReadBytesSegment();
        return length < 0 ? null : _buffer.AsSpan(offset, length).ToArray();
    }

    public byte[] ReadShortBytes()
    {
        int length = ReadUShort();
        Ensure(length);
        var value = _buffer.AsSpan(_position, length).ToArray();
        _position += length;
        return value;
    }

    public IReadOnlyList<string> ReadStringList()
    {
        int count = ReadUShort();
        var list = new string[count];
        for (var i = 0; i < count; i++)
        {
            list[i] = ReadString();
        }
        return list;
    }

    public Dictionary<string, IReadOnlyList<string>> ReadStringMultimap()
    {
        int count = ReadUShort();
        var map = new Dictionary<string, IReadOnlyList<string>>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var key = ReadString();
            map[key] = ReadStringList();
        }
        return map;
    }

    public void SkipBytesMap()
    {
        int count = ReadUShort();
        for (var i = 0; i < count; i++)
        {
            ReadString();
            ReadBytesSegment();
        }
    }

    /// <summary>[inet]: one byte of address length, the address, then an [int] port.</summary>
    public IPEndPoint ReadInet()
    {
        var size = ReadByte();
        Ensure(size);
        var address = new IPAddress(_buffer.AsSpan(_position, size));
        _position += size;
        var port = ReadInt();
        return new IPEndPoint(address, port);
    }

    public CqlConsistency ReadConsistency() => (CqlConsistency)ReadUShort();

    private void Ensure(int count)
    {
        if (count < 0 || _position + count > _buffer.Length)
        {
            throw new CqlProtocolViolationException(
                $"Malformed frame: needed {count} more byte(s) at offset {_position} of a {_buffer.Length}-byte body.");
        }
    }
}
