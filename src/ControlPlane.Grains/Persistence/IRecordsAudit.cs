namespace ControlPlane.Grains.Persistence;

/// <summary>Grain state that carries audit records to be written in the same conditional write as the state.</summary>
public interface IRecordsAudit
{
    /// <summary>Not part of the stored state: the storage adapter writes and then clears it.</summary>
    AuditRecords Audit { get; }
}
