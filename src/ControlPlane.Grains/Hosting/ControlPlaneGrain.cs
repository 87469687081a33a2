namespace ControlPlane.Grains.Hosting;

/// <summary>Base of the four grains: registers the activation with <see cref="LocalGrains"/> and answers the keeper.</summary>
public abstract class ControlPlaneGrain(LocalGrains local) : Grain, IControlPlaneGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        local.Add(this.GetGrainId());
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        local.Remove(this.GetGrainId());
        return Task.CompletedTask;
    }

    /// <summary>The keeper's ping; it comes after every definition change, so a grain whose work depends on the definition checks it here.</summary>
    public virtual Task KeepAliveAsync() => Task.CompletedTask;

    public Task RetireAsync()
    {
        this.DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
