using ControlPlane.Core.Model;

namespace ControlPlane.Grains.Persistence;

/// <summary>Decisions and DNS changes a grain has made since its last write; the next state write records them atomically with the state.</summary>
public sealed class AuditRecords
{
    public List<Decision> Decisions { get; } = [];

    public List<DnsChange> DnsChanges { get; } = [];

    public void Clear()
    {
        Decisions.Clear();
        DnsChanges.Clear();
    }
}
