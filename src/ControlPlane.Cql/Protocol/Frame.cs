namespace ControlPlane.Cql.Protocol;

/// <summary>One response frame: header fields plus the body (after tracing id and warnings were read off).</summary>
internal sealed class Frame
{
    public Frame(int version, byte flags, short stream, Opcode opcode, byte[] body)
    {
        Version = version;
        Flags = flags;
        Stream = stream;
        Opcode = opcode;
        Body = body;
    }

    /// <summary>Header length of protocol v3 and later (v1/v2 used 8 bytes with a one-byte stream id).</summary>
    public const int HeaderLength = 9;

    /// <summary>The protocol's limit on a body.</summary>
    public const int MaxBodyLength = 256 * 1024 * 1024;

    public const byte FlagCompression = 0x01;
    public const byte FlagTracing = 0x02;
    public const byte FlagCustomPayload = 0x04;
    public const byte FlagWarning = 0x08;

    public int Version { get; }

    public byte Flags { get; }

    public short Stream { get; }

    public Opcode Opcode { get; }

    public byte[] Body { get; }

    /// <summary>A reader positioned after the optional tracing id, warnings and custom payload.</summary>
    public FrameReader OpenBody(out IReadOnlyList<string> warnings)
    {
        var reader = new FrameReader(Body, Version);
        warnings = Array.Empty<string>();
        if ((Flags & FlagTracing) != 0)
        {
            reader.ReadUuid();
        }
        if ((Flags & FlagWarning) != 0)
        {
            warnings = reader.ReadStringList();
        }
        if ((Flags & FlagCustomPayload) != 0)
        {
            reader.SkipBytesMap();
        }
        return reader;
    }
}
