using System.Globalization;

namespace ControlPlane.Core.Drains;

/// <summary>A service's disruption budget: at most this many of its endpoints may be down or drained at once.</summary>
/// <remarks>
/// A percentage is of the service's endpoints and rounds up (as Kubernetes does for a
/// PodDisruptionBudget's <c>maxUnavailable</c>), so any non-zero percentage allows at least one
/// endpoint: 25% of 3 endpoints is 1, 50% of 3 is 2, 0% is 0 (no drain without force).
/// </remarks>
public sealed record DisruptionBudget
{
    private DisruptionBudget(int? count, int? percent)
    {
        Count = count;
        Percent = percent;
    }

    /// <summary>A fixed number of endpoints, or null for a percentage.</summary>
    public int? Count { get; }

    /// <summary>A percentage of the service's endpoints (0-100), or null for a count.</summary>
    public int? Percent { get; }

    public static DisruptionBudget OfCount(int count) =>
        count >= 0 ? new DisruptionBudget(count, null) : throw new ArgumentOutOfRangeException(nameof(count), count, "must be 0 or more");

    public static DisruptionBudget OfPercent(int percent) =>
        percent is >= 0 and <= 100 ? new DisruptionBudget(null, percent) : throw new ArgumentOutOfRangeException(nameof(percent), percent, "must be 0-100");

    /// <summary>Parses <c>2</c> or <c>25%</c>; null with a problem (without the field name) when it is neither.</summary>
    public static DisruptionBudget? Parse(string text, out string? problem)
    {
        var trimmed = text.Trim();
        var percent = trimmed.EndsWith('%');
        var digits = percent ? trimmed[..^1] : trimmed;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit) || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            problem = $"'{text}' is neither a whole number of endpoints (2) nor a percentage (25%)";
            return null;
        }

        if (percent && value > 100)
        {
            problem = $"'{text}' is more than 100%";
            return null;
        }

        problem = null;
        return percent ? OfPercent(value) : OfCount(value);
    }

    /// <summary>How many of <paramref name="endpoints"/> endpoints may be unavailable at once.</summary>
    public int MaxUnavailable(int endpoints) =>
        Count ?? (int)Math.Ceiling(endpoints * Percent!.Value / 100m);

    public override string ToString() =>
        Count is { } count ? count.ToString(CultureInfo.InvariantCulture) : $"{Percent!.Value.ToString(CultureInfo.InvariantCulture)}%";
}
