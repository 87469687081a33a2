using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ControlPlane.Cql.Protocol;

/// <summary>
/// Builds one request frame in a pooled buffer: the 9-byte header first (stream id patched in by the
/// connection when it assigns one), then the body in the protocol's notations.
/// </summary>
internal sealed class FrameWriter : IDisposable
{
    private byte[] _buffer;
    private int _length;

    public FrameWriter(int version, Opcode opcode, int sizeHint = 256)
    {
        Version = version;
        Opcode = opcode;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(sizeHint, 64));
        _buffer[0] = (byte)version;
        _buffer[1] = 0;
        _buffer[2] = 0;
        _buffer[3] = 0;
        _buffer[4] = (byte)opcode;
        _length = Frame.HeaderLength;
    }

    public int Version { get; }

    public Opcode Opcode { get; }

    /// <summary>The whole frame so far, header included.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public int Length => _length;

    /// <summary>The whole frame as memory (valid until <see cref="Dispose"/>).</summary>
    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, _length);

    /// <summary>Writes the body length into the header; call once the body is complete.</summary>
    public void Finish()
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(5), _length - Frame.HeaderLength);
    }

    public void SetFlags(byte flags) => _buffer[1] = flags;

    public void SetStream(short stream) => BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(2), stream);

    public void CopyTo(Span<byte> destination) => _buffer.AsSpan(0, _length).CopyTo(destination);

    public void WriteByte(byte value)
    {
        Grow(1);
        _buffer[_length++] = value;
    }

    public void WriteShort(short value)
    {
        Grow(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), value);
        _length += 2;
    }

    public void WriteUShort(int value) => WriteShort(unchecked((short)(ushort)value));

    public void WriteInt(int value)
    {
        Grow(4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    public void WriteLong(long value)
    {
        Grow(8);
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    public void WriteString(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        if (count > ushort.MaxValue)
        {
            throw new ArgumentException("A [string] is limited to 65535 bytes.", nameof(value));
        }
        WriteUShort(count);
        WriteUtf8(value, count);
    }

    public void WriteLongString(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        WriteInt(count);
        WriteUtf8(value, count);
    }

    public void WriteShortBytes(ReadOnlySpan<byte> value)
    {
        WriteUShort(value.Length);
        WriteRaw(value);
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteInt(value.Length);
        WriteRaw(value);
    }

    public void WriteNullBytes() => WriteInt(-1);

    public void WriteUnsetBytes() => WriteInt(-2);

    public void WriteStringMap(IReadOnlyDictionary<string, string> map)
    {
        WriteUShort(map.Count);
        foreach (var (key, value) in map)
        {
            WriteString(key);
            WriteString(value);
        }
    }

    public void WriteStringList(IReadOnlyList<string> list)
    {
        WriteUShort(list.Count);
        foreach (var item in list)
        {
            WriteString(item);
        }
    }

    public void WriteRaw(ReadOnlySpan<byte> value)
    {
        Grow(value.Length);
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
    }

    /// <summary>Reserves <paramref name="count"/> bytes and returns them for the caller to fill.</summary>
    public Span<byte> Reserve(int count)
    {
        Grow(count);
        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }

    /// <summary>Reserves an [int] length slot, to be patched by <see cref="PatchLength"/>.</summary>
    public int ReserveLength()
    {
        var at = _length;
        WriteInt(0);
        return at;
    }

    /// <summary>Writes, at a slot from <see cref="ReserveLength"/>, the number of bytes written since.</summary>
    public void PatchLength(int slot) =>
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(slot), _length - slot - 4);

    /// <summary>Overwrites the [int] at <paramref name="slot"/> (for counts known only after writing the items).</summary>
    public void PatchInt(int slot, int value) => BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(slot), value);

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = Array.Empty<byte>();
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void WriteUtf8(string value, int count)
    {
        Grow(count);
        Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
        _length += count;
    }

    private void Grow(int count)
    {
        if (_length + count <= _buffer.Length)
        {
            return;
        }
        var needed = (long)_length + count;
        if (needed > Frame.MaxBodyLength + Frame.HeaderLength)
        {
            throw new CqlException("The request is larger than the protocol's 256 MB frame limit.");
        }
        var next = ArrayPool<byte>.Shared.Rent((int)Math.Max(needed, _buffer.Length * 2L));
        _buffer.AsSpan(0, _length).CopyTo(next);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = next;
    }
}
