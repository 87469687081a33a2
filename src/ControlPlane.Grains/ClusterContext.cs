namespace ControlPlane.Grains;

/// <summary>What every grain of this silo needs to know: who the silo is and the current cluster definition.</summary>
public sealed class ClusterContext(SiloIdentity silo)
{
    private ActiveDefinition? _definition;

    public SiloIdentity Silo { get; } = silo;

    /// <summary>The current definition; throws before the first one is loaded.</summary>
    public ActiveDefinition Definition => _definition ?? throw new InvalidOperationException("no cluster definition loaded yet");

    public bool HasDefinition => _definition is not null;

    /// <summary>Raised after <see cref="Definition"/> changed.</summary>
    public event Action<ActiveDefinition>? DefinitionChanged;

    public void SetDefinition(ActiveDefinition definition)
    {
        _definition = definition;
        DefinitionChanged?.Invoke(definition);
    }
}
