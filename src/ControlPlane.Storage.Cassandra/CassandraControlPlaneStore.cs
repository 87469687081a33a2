using ControlPlane.Cql;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ControlPlane.Storage.Cassandra;

/// <summary>The production store: the whole storage contract on Apache Cassandra, replicated across datacenters.</summary>
/// <remarks>
/// Nothing connects until <see cref="InitializeAsync"/>, which opens the session, creates or migrates
/// the keyspace and tables (see <see cref="SchemaInitializer"/>). Membership is not here (Orleans'
/// <c>IMembershipTable</c> lives in its own project). Schema, consistency levels, the ETag fence and
/// failure cases: docs/storage.md.
/// </remarks>
public sealed class CassandraControlPlaneStore : IControlPlaneStore
{
    private readonly CassandraContext _db;
    private readonly SemaphoreSlim _initialize = new(1, 1);
    private readonly Func<ICqlSession, ICqlSession>? _decorateSession;

    public CassandraControlPlaneStore(CassandraStoreOptions options)
        : this(options, null)
    {
    }

    /// <summary>For tests: <paramref name="decorateSession"/> wraps the session once connected (fault injection).</summary>
    internal CassandraControlPlaneStore(CassandraStoreOptions options, Func<ICqlSession, ICqlSession>? decorateSession)
    {
        _decorateSession = decorateSession;
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid Cassandra store options: " + string.Join(" ", errors), nameof(options));
        }

        Options = options;
        var logger = options.LoggerFactory?.CreateLogger<CassandraControlPlaneStore>() ?? (ILogger)NullLogger.Instance;
        _db = new CassandraContext(options, logger);
        var audit = new AuditIndex(_db);
        Definitions = new CassandraDefinitionStore(_db);
        GrainState = new CassandraGrainStateStore(_db, audit);
        Observations = new CassandraObservationStore(_db);
        Audit = new CassandraAuditStore(audit);
        Access = new CassandraAccessStore(_db);
    }

    public CassandraStoreOptions Options { get; }

    public IDefinitionStore Definitions { get; }

    public IGrainStateStore GrainState { get; }

    public IObservationStore Observations { get; }

    public IAuditStore Audit { get; }

    public IAccessStore Access { get; }

    /// <summary>The CQL session, once initialized (for diagnostics and load measurements).</summary>
    public ICqlSession Session => _db.Session;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _initialize.WaitAsync(cancellationToken);
        try
        {
            if (!_db.IsConnected)
            {
                var session = await CqlCluster.ConnectAsync(new CqlClusterOptions
                {
                    ContactPoints = Options.ContactPoints.ToList(),
                    Port = Options.Port,
                    LocalDatacenter = Options.LocalDatacenter,

                    // Agreed rows (QUORUM, SERIAL) span datacenters anyway: with the local one down they are still reachable through the others.
                    AllowRemoteDatacenters = true,
                    Credentials = Options.Username is { } user ? new CqlCredentials(user, Options.Password ?? string.Empty) : null,
                    RequestTimeout = Options.RequestTimeout,
                    DefaultConsistency = StoreConsistency.Local,
                    DefaultSerialConsistency = StoreConsistency.Paxos,
                    LoggerFactory = Options.LoggerFactory,
                }, cancellationToken);
                _db.Connect(_decorateSession?.Invoke(session) ?? session);
                Log.Connected(_db.Logger, Options.Keyspace, session.LocalDatacenter, session.ProtocolVersion);
            }

            await new SchemaInitializer(_db).EnsureAsync(cancellationToken);
        }
        finally
        {
            _initialize.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_db.IsConnected)
        {
            await _db.Session.DisposeAsync();
        }

        _initialize.Dispose();
    }
}
