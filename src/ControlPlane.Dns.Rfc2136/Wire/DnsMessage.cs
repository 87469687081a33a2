namespace ControlPlane.Dns.Rfc2136.Wire;

/// <summary>
/// A DNS message (RFC 1035 4.1). In an UPDATE (RFC 2136 2) the four sections are the zone,
/// prerequisite, update and additional sections; <see cref="Zone"/>, <see cref="Prerequisites"/>
/// and <see cref="Updates"/> name them so.
/// </summary>
internal sealed record DnsMessage
{
    public ushort Id { get; init; }

    public bool IsResponse { get; init; }

    public DnsOpcode Opcode { get; init; }

    public bool Authoritative { get; init; }

    public bool Truncated { get; init; }

    public bool RecursionDesired { get; init; }

    public bool RecursionAvailable { get; init; }

    public bool AuthenticData { get; init; }

    public bool CheckingDisabled { get; init; }

    /// <summary>The header's 4-bit RCODE. TSIG errors are in the TSIG record, see <see cref="Tsig"/>.</summary>
    public DnsRcode Rcode { get; init; }

    public IReadOnlyList<DnsQuestion> Questions { get; init; } = [];

    public IReadOnlyList<DnsRecord> Answers { get; init; } = [];

    public IReadOnlyList<DnsRecord> Authorities { get; init; } = [];

    public IReadOnlyList<DnsRecord> Additionals { get; init; } = [];

    /// <summary>UPDATE: the zone section.</summary>
    public IReadOnlyList<DnsQuestion> Zone => Questions;

    /// <summary>UPDATE: the prerequisite section.</summary>
    public IReadOnlyList<DnsRecord> Prerequisites => Answers;

    /// <summary>UPDATE: the update section.</summary>
    public IReadOnlyList<DnsRecord> Updates => Authorities;

    /// <summary>The TSIG record, which must be the last additional record (RFC 8945 5.1); null if there is none.</summary>
    public DnsRecord? Tsig => Additionals.Count > 0 && Additionals[^1].Type == DnsType.TSIG ? Additionals[^1] : null;

    /// <summary>The most specific error: the TSIG error when the TSIG record carries one, else the header RCODE.</summary>
    public DnsRcode EffectiveRcode => Tsig?.Data is TsigData { Error: not DnsRcode.NoError } tsig ? tsig.Error : Rcode;

    /// <summary>A QUERY for one name and type, recursion not desired (we ask the authoritative server).</summary>
    public static DnsMessage Query(ushort id, string name, DnsType type) =>
        new() { Id = id, Opcode = DnsOpcode.Query, Questions = [new DnsQuestion(name, type)] };

    public bool Equals(DnsMessage? other) =>
        other is not null
        && Id == other.Id && IsResponse == other.IsResponse && Opcode == other.Opcode
        && Authoritative == other.Authoritative && Truncated == other.Truncated
        && RecursionDesired == other.RecursionDesired && RecursionAvailable == other.RecursionAvailable
        && AuthenticData == other.AuthenticData && CheckingDisabled == other.CheckingDisabled
        && Rcode == other.Rcode
        && Questions.SequenceEqual(other.Questions) && Answers.SequenceEqual(other.Answers)
        && Authorities.SequenceEqual(other.Authorities) && Additionals.SequenceEqual(other.Additionals);

    public override int GetHashCode() => HashCode.Combine(Id, Opcode, Rcode, Questions.Count, Answers.Count);
}
