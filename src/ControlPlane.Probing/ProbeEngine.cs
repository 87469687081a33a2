using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;
using ControlPlane.Probing.Composite;
using ControlPlane.Probing.Connections;
using ControlPlane.Probing.Dns;
using ControlPlane.Probing.Grpc;
using ControlPlane.Probing.Http;
using ControlPlane.Probing.Scheduling;
using ControlPlane.Probing.Secrets;
using ControlPlane.Probing.Tcp;
using ControlPlane.Probing.Tls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ControlPlane.Probing;

/// <summary>The <see cref="IProbe"/> of a silo: applies the rules common to every check, then hands the check to the executor of its kind.</summary>
/// <remarks>
/// Common rules: a link-local target is refused unless allowed; the check's total
/// <see cref="CheckDefinition.Timeout"/> bounds everything the executor does (a check that
/// runs into it is a <see cref="ObservationOutcome.Timeout"/>, whereas cancellation by the
/// caller is rethrown); any unexpected exception becomes an <see cref="ObservationOutcome.Error"/>
/// observation; duration and finishing time come from the injected <see cref="TimeProvider"/>.
/// Executors are found by indexing an array with the <see cref="CheckKind"/>, so adding a kind
/// (TLS-only, DNS) means adding an executor, not touching this class.
/// </remarks>
public sealed partial class ProbeEngine : IProbe, IDisposable
{
    private readonly ICheckExecutor?[] _executors;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly IDisposable? _ownedResources;

    /// <summary>Creates an engine over the given executors (one per kind).</summary>
    public ProbeEngine(IEnumerable<ICheckExecutor> executors, TimeProvider timeProvider, ILogger<ProbeEngine> logger)
        : this(executors, timeProvider, logger, ownedResources: null)
    {
    }

    private ProbeEngine(IEnumerable<ICheckExecutor> executors, TimeProvider timeProvider, ILogger logger, IDisposable? ownedResources)
    {
        ArgumentNullException.ThrowIfNull(executors);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        var list = executors.ToList();
        var maxKind = list.Count == 0 ? 0 : list.Max(e => (int)e.Kind);
        _executors = new ICheckExecutor?[maxKind + 1];
        foreach (var executor in list)
        {
            if (_executors[(int)executor.Kind] is not null)
            {
                throw new ArgumentException($"two executors for check kind {executor.Kind}", nameof(executors));
            }

            _executors[(int)executor.Kind] = executor;
        }

        _timeProvider = timeProvider;
        _logger = logger;
        _ownedResources = ownedResources;
    }

    /// <summary>
    /// Creates the engine with the built-in executors (HTTP/HTTPS and TCP) sharing one connection
    /// layer, plus <paramref name="additionalExecutors"/> for kinds defined elsewhere. Dispose it
    /// when the silo stops.
    /// </summary>
    public static ProbeEngine CreateDefault(
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        ProbeEngineOptions? options = null,
        IEnumerable<ICheckExecutor>? additionalExecutors = null)
    {
        timeProvider ??= TimeProvider.System;
        loggerFactory ??= NullLoggerFactory.Instance;
        options ??= new ProbeEngineOptions();
        options.Validate();

        var connector = new TargetConnector(timeProvider);
        var transport = new HttpProbeTransport(connector, options);
        var secrets = new SecretResolver(timeProvider);
        var composite = new CompositeCheckExecutor();
        ICheckExecutor[] executors =
        [
            new HttpCheckExecutor(transport, new BodyMatcher(options), timeProvider, loggerFactory.CreateLogger<HttpCheckExecutor>(),
                new HttpTransactionRunner(transport, options, secrets, timeProvider)),
            new TcpCheckExecutor(connector, timeProvider),
            new TlsCheckExecutor(connector, timeProvider),
            new DnsCheckExecutor(timeProvider),
            new GrpcHealthCheckExecutor(connector, timeProvider),
            composite,
            .. additionalExecutors ?? [],
        ];
        try
        {
            var engine = new ProbeEngine(executors, timeProvider, loggerFactory.CreateLogger<ProbeEngine>(), transport);
            composite.Attach(engine);
            return engine;
        }
        catch
        {
            transport.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<Observation> RunAsync(ProbeTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        cancellationToken.ThrowIfCancellationRequested();

        var started = _timeProvider.GetTimestamp();
        var result = await ExecuteAsync(target, cancellationToken);
        var duration = _timeProvider.GetElapsedTime(started);
        var observation = new Observation(
            target.EndpointId,
            target.Region,
            _timeProvider.GetUtcNow(),
            result.Outcome,
            duration,
            result.Detail,
            result.StatusCode,
            result.CertificateExpiresAt,
            ToPhases(result.Phases, duration),
            result.Evidence,
            result.Warning);

        if (!observation.IsSuccess)
        {
            Log.CheckFailed(_logger, target.Check.Id, target.EndpointId, target.Region, result.Outcome, result.Detail);
        }

        return observation;
    }

    private static ObservationPhases ToPhases(PhaseTimings? phases, TimeSpan total) =>
        phases is { } p ? new ObservationPhases(p.Dns, p.Connect, p.Tls, p.FirstByte, total) : new ObservationPhases(null, null, null, null, total);

    /// <summary>Stops the connection layer created by <see cref="CreateDefault"/>.</summary>
    public void Dispose() => _ownedResources?.Dispose();

    private async ValueTask<CheckResult> ExecuteAsync(ProbeTarget target, CancellationToken cancellationToken)
    {
        var check = target.Check;
        if (!target.AllowLinkLocal && TargetAddressPolicy.IsLinkLocal(target.Address))
        {
            Log.LinkLocalRefused(_logger, check.Id, target.EndpointId, target.Address);
            return new CheckResult(
                ObservationOutcome.Error,
                $"refused to probe link-local address {target.Address} (metadata range); allow link-local for this target to probe it");
        }

        var kind = (int)check.Kind;
        var executor = kind >= 0 && kind < _executors.Length ? _executors[kind] : null;
        if (executor is null)
        {
            return new CheckResult(ObservationOutcome.Error, $"no executor for check kind {check.Kind}");
        }

        // The deadline is an entry of the silo's timer wheel on the injected clock, not a timer of its
        // own; the caller's token cancels the same source so executors see a single token.
        using var deadline = TimerWheel.For(_timeProvider).StartDeadline(check.Timeout);
        using var callerRegistration = cancellationToken.UnsafeRegister(
            static state => ((TimerWheel.Deadline)state!).Cancel(), deadline);
        try
        {
            return await executor.ExecuteAsync(target, deadline.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return new CheckResult(
                ObservationOutcome.Timeout,
                $"no result from {DetailText.Endpoint(target.Address, target.Port)} within {DetailText.Milliseconds(check.Timeout)} ms (check timeout)");
        }
        catch (Exception exception)
        {
            Log.CheckCrashed(_logger, check.Id, target.EndpointId, exception);
            return new CheckResult(ObservationOutcome.Error, $"check failed: {DetailText.Cause(exception)}");
        }
    }
}
