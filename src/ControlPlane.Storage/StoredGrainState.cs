namespace ControlPlane.Storage;

/// <summary>A grain's stored state and the ETag of that version.</summary>
public sealed record StoredGrainState(string StateJson, string ETag);
