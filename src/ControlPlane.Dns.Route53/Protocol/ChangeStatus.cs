namespace ControlPlane.Dns.Route53.Protocol;

/// <summary>Whether a change has reached every Route 53 name server.</summary>
internal enum ChangeStatus
{
    Pending,
    InSync,
}
