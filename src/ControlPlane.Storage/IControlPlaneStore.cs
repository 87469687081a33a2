namespace ControlPlane.Storage;

/// <summary>The whole storage contract. SQLite and Cassandra implement it; one conformance suite tests both.</summary>
/// <remarks>Cluster membership is not here: it is Orleans' <c>IMembershipTable</c>, in its own projects.</remarks>
public interface IControlPlaneStore : IAsyncDisposable
{
    /// <summary>Creates or migrates the schema; idempotent, safe to run from several silos at once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Versions of the cluster definition.</summary>
    IDefinitionStore Definitions { get; }

    /// <summary>Grain state, fenced by ETag.</summary>
    IGrainStateStore GrainState { get; }

    /// <summary>The latest observation per endpoint and region.</summary>
    IObservationStore Observations { get; }

    /// <summary>Decisions and DNS changes, as recorded by grain state writes.</summary>
    IAuditStore Audit { get; }

    /// <summary>API keys and the API audit log.</summary>
    IAccessStore Access { get; }
}
