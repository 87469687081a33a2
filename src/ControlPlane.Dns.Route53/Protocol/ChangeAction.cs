namespace ControlPlane.Dns.Route53.Protocol;

/// <summary>What a change does to one resource record set.</summary>
internal enum ChangeAction
{
    /// <summary>Fails if the record set exists.</summary>
    Create,

    /// <summary>Needs the exact current values, TTL and routing fields; fails if they differ.</summary>
    Delete,

    /// <summary>Creates or replaces; counts twice against the batch limits.</summary>
    Upsert,
}
