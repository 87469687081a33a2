using ControlPlane.Storage;

namespace ControlPlane.Runtime;

/// <summary>Carries a grain call to another silo and its result back.</summary>
public interface IGrainTransport
{
    /// <summary>
    /// Calls <paramref name="method"/> on <paramref name="grain"/> at <paramref name="silo"/>. Throws
    /// <see cref="ShardNotOwnedException"/> when that silo no longer owns the grain, and
    /// <see cref="HttpRequestException"/> when it cannot be reached.
    /// </summary>
    Task<T> InvokeAsync<T>(Uri silo, GrainId grain, string method, object?[] args, CancellationToken cancellationToken);
}
