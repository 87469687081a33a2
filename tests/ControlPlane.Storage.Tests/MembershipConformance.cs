namespace ControlPlane.Storage.Tests;

/// <summary>Membership rules every backend must honour (run through <see cref="StoreConformanceTests"/>).</summary>
public abstract partial class StoreConformanceTests
{
    private static SiloEntry Silo(string id, long generation, DateTimeOffset heartbeat, int port = 8480) =>
        new(id, generation, "eu-central", "dc1", new Uri($"http://127.0.0.1:{port}/"), SiloStatus.Active, heartbeat, heartbeat);

    [Fact]
    public async Task A_registered_silo_heartbeats_and_is_listed_with_its_region_and_address()
    {
        var id = $"silo-{Guid.NewGuid():N}";
        Assert.Null(await Store.Membership.RegisterAsync(Silo(id, 1, T0), TimeSpan.FromSeconds(5), default));
        Assert.True(await Store.Membership.HeartbeatAsync(id, 1, T0.AddSeconds(2), default));

        var entry = (await Store.Membership.ReadAllAsync(default)).Single(s => s.SiloId == id);
        Assert.Equal((1L, "eu-central", SiloStatus.Active, T0.AddSeconds(2)), (entry.Generation, entry.Region, entry.Status, entry.HeartbeatAt));
        Assert.Equal(new Uri("http://127.0.0.1:8480/"), entry.Address);
    }

    [Fact]
    public async Task A_second_live_process_with_the_same_silo_id_is_refused_but_a_restart_after_death_is_not()
    {
        var id = $"silo-{Guid.NewGuid():N}";
        await Store.Membership.RegisterAsync(Silo(id, 1, T0), TimeSpan.FromSeconds(5), default);
        var refused = await Store.Membership.RegisterAsync(Silo(id, 2, T0.AddSeconds(1), port: 8481), TimeSpan.FromSeconds(5), default);
        Assert.Equal(1, refused!.Generation);

        Assert.Null(await Store.Membership.RegisterAsync(Silo(id, 3, T0.AddSeconds(10), port: 8481), TimeSpan.FromSeconds(5), default));
        Assert.False(await Store.Membership.HeartbeatAsync(id, 1, T0.AddSeconds(11), default));
    }

    [Fact]
    public async Task A_restart_at_the_same_address_replaces_the_crashed_generation_at_once()
    {
        var id = $"silo-{Guid.NewGuid():N}";
        await Store.Membership.RegisterAsync(Silo(id, 1, T0), TimeSpan.FromSeconds(5), default);
        Assert.Null(await Store.Membership.RegisterAsync(Silo(id, 2, T0.AddSeconds(1)), TimeSpan.FromSeconds(5), default));
        Assert.False(await Store.Membership.HeartbeatAsync(id, 1, T0.AddSeconds(2), default));
        Assert.True(await Store.Membership.HeartbeatAsync(id, 2, T0.AddSeconds(2), default));
    }

    [Fact]
    public async Task A_silo_declared_dead_cannot_heartbeat_and_a_fresh_heartbeat_prevents_the_declaration()
    {
        var id = $"silo-{Guid.NewGuid():N}";
        await Store.Membership.RegisterAsync(Silo(id, 1, T0), TimeSpan.FromSeconds(5), default);
        await Store.Membership.HeartbeatAsync(id, 1, T0.AddSeconds(1), default);

        Assert.False(await Store.Membership.DeclareDeadAsync(id, 1, T0, default)); // it heartbeated since
        Assert.True(await Store.Membership.DeclareDeadAsync(id, 1, T0.AddSeconds(1), default));
        Assert.False(await Store.Membership.HeartbeatAsync(id, 1, T0.AddSeconds(2), default));
        Assert.Equal(SiloStatus.Dead, (await Store.Membership.ReadAllAsync(default)).Single(s => s.SiloId == id).Status);
    }

    [Fact]
    public async Task A_silo_that_never_heartbeated_is_declared_dead_on_its_registration_heartbeat()
    {
        var id = $"silo-{Guid.NewGuid():N}";
        await Store.Membership.RegisterAsync(Silo(id, 1, T0), TimeSpan.FromSeconds(5), default);

        Assert.False(await Store.Membership.DeclareDeadAsync(id, 1, T0.AddSeconds(-1), default));
        Assert.True(await Store.Membership.DeclareDeadAsync(id, 1, T0, default));
        Assert.False(await Store.Membership.DeclareDeadAsync(id, 1, T0, default)); // already dead
        Assert.Equal(SiloStatus.Dead, (await Store.Membership.ReadAllAsync(default)).Single(s => s.SiloId == id).Status);
    }

    [Fact]
    public async Task A_heartbeat_of_an_unknown_silo_is_refused_and_does_not_make_it_a_member()
    {
        var id = $"silo-{Guid.NewGuid():N}";
        Assert.False(await Store.Membership.HeartbeatAsync(id, 1, T0, default));
        Assert.DoesNotContain(await Store.Membership.ReadAllAsync(default), s => s.SiloId == id);
    }
}
