using System.Globalization;
using Orleans;

namespace ControlPlane.Clustering;

/// <summary>The compare-and-swap token of a membership table: the table version, and each row's etag.</summary>
/// <remarks>
/// The version etag is the stored table version as a decimal string, so the token a caller passes in
/// <see cref="TableVersion.VersionEtag"/> is exactly the version it read. A row's etag is the table
/// version that last wrote the row: every insert or update bumps the table version, so no two writes
/// of a row share an etag. IAmAlive writes change neither.
/// </remarks>
internal static class MembershipVersion
{
    /// <summary>The version an empty, never initialised table reports.</summary>
    public static TableVersion Initial { get; } = new(0, Etag(0));

    public static string Etag(int version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses an etag this table produced; false for anything else (a foreign etag can never match).</summary>
    public static bool TryParse(string? etag, out int version) =>
        int.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out version);
}
