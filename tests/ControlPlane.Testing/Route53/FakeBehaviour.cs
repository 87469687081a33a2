namespace ControlPlane.Testing.Route53;

/// <summary>How the local Route 53 misbehaves; every knob may be changed while it runs.</summary>
public sealed class FakeBehaviour
{
    private int _throttleNext;
    private int _failNext;
    private int _loseNext;

    /// <summary>How long a change stays PENDING before it is INSYNC.</summary>
    public TimeSpan InSyncDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a zone is busy after accepting a change; changes sent meanwhile get PriorRequestNotComplete.</summary>
    public TimeSpan ChangeProcessingTime { get; set; }

    /// <summary>The most record sets one ListResourceRecordSets page holds (Route 53: 300).</summary>
    public int MaxPageSize { get; set; } = 300;

    /// <summary>Which of the two InvalidChangeBatch shapes to answer with.</summary>
    public InvalidChangeBatchShape InvalidChangeBatchShape { get; set; } = InvalidChangeBatchShape.ErrorResponse;

    /// <summary>A server-side rate limit; requests beyond it get Throttling. Null: none.</summary>
    public double? RequestsPerSecond { get; set; }

    /// <summary>Runs once on the zone just before the next change batch is checked (a concurrent editor).</summary>
    public Action<FakeHostedZone>? BeforeNextChange { get; set; }

    /// <summary>The next <paramref name="count"/> accepted change batches are applied, then answered with HTTP 500 (a lost response).</summary>
    public void LoseResponseOfNextChanges(int count) => Interlocked.Exchange(ref _loseNext, count);

    /// <summary>The next <paramref name="count"/> requests get Throttling.</summary>
    public void ThrottleNext(int count) => Interlocked.Exchange(ref _throttleNext, count);

    /// <summary>The next <paramref name="count"/> requests get HTTP 500 InternalFailure.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failNext, count);

    internal bool TakeThrottle() => TakeOne(ref _throttleNext);

    internal bool TakeFailure() => TakeOne(ref _failNext);

    internal bool TakeLostResponse() => TakeOne(ref _loseNext);

    private static bool TakeOne(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
            {
                return true;
            }
        }
    }
}
