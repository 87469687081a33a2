namespace ControlPlane.Storage;

/// <summary>Identifies one grain's stored state: its kind (<c>probe</c>, <c>endpoint</c>, <c>service</c>, <c>datacenter</c>) and key.</summary>
public readonly record struct GrainKey(string Kind, string Key)
{
    public override string ToString() => $"{Kind}/{Key}";
}
