namespace ControlPlane.Cql;

/// <summary>Helpers on <see cref="CqlConsistency"/>.</summary>
public static class CqlConsistencyExtensions
{
    /// <summary>True for the levels that only involve the coordinator's own datacenter.</summary>
    public static bool IsDatacenterLocal(this CqlConsistency consistency) =>
        consistency is CqlConsistency.LocalOne or CqlConsistency.LocalQuorum or CqlConsistency.LocalSerial;

    /// <summary>True for SERIAL and LOCAL_SERIAL, the only levels allowed as serial consistency.</summary>
    public static bool IsSerial(this CqlConsistency consistency) =>
        consistency is CqlConsistency.Serial or CqlConsistency.LocalSerial;

    /// <summary>The level's CQL name (LOCAL_QUORUM).</summary>
    public static string ToCqlName(this CqlConsistency consistency) => consistency switch
    {
        CqlConsistency.LocalQuorum => "LOCAL_QUORUM",
        CqlConsistency.EachQuorum => "EACH_QUORUM",
        CqlConsistency.LocalSerial => "LOCAL_SERIAL",
        CqlConsistency.LocalOne => "LOCAL_ONE",
        _ => consistency.ToString().ToUpperInvariant(),
    };
}
