namespace ControlPlane.Silo.Tests;

/// <summary>
/// A chaos run: runs only when <c>CONTROLPLANE_CHAOS=1</c> (scripts/chaos.sh runs longer ones);
/// it is not yet part of CI because its last runs still found violations being fixed (issue 13).
/// </summary>
public sealed class ChaosFactAttribute : FactAttribute
{
    public ChaosFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CONTROLPLANE_CHAOS") != "1")
        {
            Skip = "set CONTROLPLANE_CHAOS=1 to run the seeded chaos run";
        }
    }
}
