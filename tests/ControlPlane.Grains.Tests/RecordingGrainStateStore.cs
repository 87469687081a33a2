using System.Collections.Concurrent;
using ControlPlane.Storage;

namespace ControlPlane.Grains.Tests;

/// <summary>A grain state write as the grain storage sent it, and whether the store's ETag fence refused it.</summary>
internal sealed record RecordedWrite(GrainStateWrite Write, bool Refused);

/// <summary>Passes every call to the real store and records each write the grains make, accepted or refused.</summary>
internal sealed class RecordingGrainStateStore(IGrainStateStore inner) : IGrainStateStore
{
    public ConcurrentQueue<RecordedWrite> Writes { get; } = new();

    public Task<StoredGrainState?> ReadAsync(GrainKey grain, CancellationToken cancellationToken) => inner.ReadAsync(grain, cancellationToken);

    public async Task<string> WriteAsync(GrainStateWrite write, CancellationToken cancellationToken)
    {
        try
        {
            var etag = await inner.WriteAsync(write, cancellationToken);
            Writes.Enqueue(new RecordedWrite(write, Refused: false));
            return etag;
        }
        catch (GrainStateConflictException)
        {
            Writes.Enqueue(new RecordedWrite(write, Refused: true));
            throw;
        }
    }

    public Task ClearAsync(GrainKey grain, string? expectedETag, CancellationToken cancellationToken) => inner.ClearAsync(grain, expectedETag, cancellationToken);
}
