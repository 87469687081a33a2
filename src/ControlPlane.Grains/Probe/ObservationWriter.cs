using System.Collections.Concurrent;
using ControlPlane.Core.Model;
using ControlPlane.Storage;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Grains.Probe;

/// <summary>Stores this silo's latest observations in batches, once a second, off the probes' turns.</summary>
/// <remarks>
/// The latest observation per endpoint and region is for the API and status page only; no decision
/// reads it. So probes hand it over and go on, and only the newest per endpoint and region is kept
/// until the next flush: one store transaction a second per silo instead of one per check, and a
/// slow store never delays a verdict.
/// </remarks>
public sealed partial class ObservationWriter(IObservationStore store, TimeProvider time, ILogger<ObservationWriter> logger)
{
    private static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(1);
    private ConcurrentDictionary<(string Endpoint, string Region), Observation> _pending = new();

    public void Offer(Observation observation) =>
        _pending.AddOrUpdate((observation.EndpointId, observation.Region), observation, (_, old) => old.At > observation.At ? old : observation);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(FlushEvery, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await FlushAsync(CancellationToken.None); // last batch on shutdown
                return;
            }

            await FlushAsync(cancellationToken);
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        var batch = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<(string, string), Observation>());
        if (batch.IsEmpty)
        {
            return;
        }

        try
        {
            await store.UpsertLatestAsync(batch.Values.ToList(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            foreach (var observation in batch.Values)
            {
                Offer(observation); // kept for the next flush unless newer ones arrived
            }

            LogFlushFailed(logger, batch.Count, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing {Count} latest observation(s) failed, retrying with the next batch: {Error}")]
    private static partial void LogFlushFailed(ILogger logger, int count, string error);
}
