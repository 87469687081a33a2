namespace ControlPlane.Storage;

/// <summary>A grain's stored state and the ETag of that version (the ETag its next write must name).</summary>
public sealed record StoredGrainState(string StateJson, string ETag);
