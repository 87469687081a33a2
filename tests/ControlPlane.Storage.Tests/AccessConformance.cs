namespace ControlPlane.Storage.Tests;

/// <summary>The access part of the storage contract: API keys and the API audit log.</summary>
public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task A_key_is_stored_listed_touched_and_revoked_keeping_the_first_revocation_time()
    {
        var id = Unique("k");
        var key = new ApiKeyRecord(id, "ci", "operator", new string('a', 64), "bootstrap", T0);
        await Store.Access.CreateKeyAsync(key, default);

        Assert.Equal(key, await Store.Access.GetKeyAsync(id, default));
        Assert.Contains(key, await Store.Access.ListKeysAsync(default));

        await Store.Access.TouchKeyAsync(id, T0.AddMinutes(3), default);
        Assert.Equal(T0.AddMinutes(3), (await Store.Access.GetKeyAsync(id, default))!.LastUsedAt);

        Assert.True(await Store.Access.RevokeKeyAsync(id, T0.AddMinutes(5), default));
        Assert.True(await Store.Access.RevokeKeyAsync(id, T0.AddMinutes(9), default));
        Assert.Equal(T0.AddMinutes(5), (await Store.Access.GetKeyAsync(id, default))!.RevokedAt);
    }

    [Fact]
    public async Task An_unknown_key_is_not_found_and_cannot_be_revoked()
    {
        Assert.Null(await Store.Access.GetKeyAsync(Unique("missing"), default));
        Assert.False(await Store.Access.RevokeKeyAsync(Unique("missing"), T0, default));
    }

    [Fact]
    public async Task The_api_audit_log_pages_newest_first_across_days_without_losing_or_repeating_an_entry()
    {
        // Far in the future, so no other test's entries come first; two days, several entries in one millisecond.
        var start = new DateTimeOffset(2400, 1, 1, 23, 59, 59, 0, TimeSpan.Zero).AddDays(Random.Shared.Next(0, 100_000));
        var written = Enumerable.Range(0, 7)
            .Select(i => new ApiAuditEntry($"{start.ToUnixTimeMilliseconds()}-{i:D2}-{Guid.NewGuid():N}", start.AddMilliseconds(i < 3 ? 0 : 500 * i),
                "key-1", "ci", "operator", "POST", "DrainEndpoint", $"/api/v1/endpoints/e{i}/drain", 200))
            .ToList();
        foreach (var entry in written)
        {
            await Store.Access.AppendAuditAsync(entry, default);
        }

        await Store.Access.AppendAuditAsync(written[0], default); // again: harmless
        var expected = written.OrderByDescending(e => e.At).ThenByDescending(e => e.Id, StringComparer.Ordinal).ToList();

        var read = new List<ApiAuditEntry>();
        ApiAuditPosition? before = new(start.AddDays(2), string.Empty);
        while (read.Count < expected.Count)
        {
            var page = await Store.Access.QueryAuditAsync(3, before, default);
            Assert.NotEmpty(page);
            read.AddRange(page);
            before = new ApiAuditPosition(page[^1].At, page[^1].Id);
        }

        Assert.Equal(expected, read.Take(expected.Count));
    }
}
