namespace ControlPlane.Dns.Rfc2136.Wire;

/// <summary>The RDATA of a record, decoded for the types this client understands.</summary>
internal abstract record DnsRecordData;
