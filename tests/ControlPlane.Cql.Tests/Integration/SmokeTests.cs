using ControlPlane.Cql.Tests.Infrastructure;

namespace ControlPlane.Cql.Tests.Integration;

[Collection(SingleNodeCollection.Name)]
public sealed class SmokeTests
{
    private readonly SingleNodeFixture _fixture;

    public SmokeTests(SingleNodeFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Connects_with_protocol_v3_to_Cassandra_2_1_and_reads_system_local()
    {
        Assert.Equal(3, _fixture.Session.ProtocolVersion);
        var rows = await _fixture.Session.ExecuteAsync("SELECT release_version, data_center FROM system.local");
        Assert.Equal("2.1.0", rows[0].Get<string>("release_version"));
        Assert.Equal("dc1", _fixture.Session.LocalDatacenter);
    }
}
