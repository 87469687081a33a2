namespace ControlPlane.Runtime;

/// <summary>Hands out references to grains; a call through a reference reaches the grain's one activation.</summary>
public interface IGrainFactory
{
    /// <summary>A reference to the grain of interface <typeparamref name="TGrain"/> with <paramref name="key"/>.</summary>
    TGrain Get<TGrain>(string key)
        where TGrain : class, IGrain;
}
