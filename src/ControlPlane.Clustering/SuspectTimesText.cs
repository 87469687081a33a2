using System.Globalization;
using System.Text;
using Orleans.Runtime;

namespace ControlPlane.Clustering;

/// <summary>Writes a membership entry's suspect list as text and reads it back.</summary>
/// <remarks>
/// Each vote is the suspecting silo's parsable address (<c>10.0.0.1:11111@123456</c>), a space and the
/// vote's UTC time in round-trip format; votes are separated by <c>|</c>. Neither separator occurs in a
/// silo address or a time, so no escaping is needed. An empty list is stored as null.
/// </remarks>
internal static class SuspectTimesText
{
    public static string? Write(IReadOnlyCollection<Tuple<SiloAddress, DateTime>>? votes)
    {
        if (votes is null || votes.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var (silo, at) in votes)
        {
            if (text.Length > 0)
            {
                text.Append('|');
            }

            text.Append(silo.ToParsableString()).Append(' ').Append(Utc(at).ToString("O", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    public static List<Tuple<SiloAddress, DateTime>> Read(string? text)
    {
        var votes = new List<Tuple<SiloAddress, DateTime>>();
        if (string.IsNullOrEmpty(text))
        {
            return votes;
        }

        foreach (var vote in text.Split('|'))
        {
            var space = vote.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0)
            {
                throw new FormatException($"suspect_times: '{vote}' is not '<silo> <time>'.");
            }

            var silo = SiloAddress.FromParsableString(vote[..space]);
            var at = DateTime.Parse(vote[(space + 1)..], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            votes.Add(Tuple.Create(silo, Utc(at)));
        }

        return votes;
    }

    /// <summary>A time as UTC; an unspecified kind is taken as UTC already (Orleans stores UTC times).</summary>
    public static DateTime Utc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Local => time.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        _ => time,
    };
}
