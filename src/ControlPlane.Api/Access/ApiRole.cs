namespace ControlPlane.Api.Access;

/// <summary>What a key may do; each role includes the ones below it.</summary>
public enum ApiRole
{
    /// <summary>Read everything.</summary>
    Viewer = 1,

    /// <summary>Also drain, undrain, evacuate and restore, maintenance, webhook tests and replays.</summary>
    Operator = 2,

    /// <summary>Also the cluster definition, keys, webhook subscriptions, forced drains.</summary>
    Admin = 3,
}

/// <summary>Role names as the API and the store spell them.</summary>
public static class ApiRoles
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";

    public static string Name(this ApiRole role) => role switch
    {
        ApiRole.Admin => Admin,
        ApiRole.Operator => Operator,
        _ => Viewer,
    };

    public static bool TryParse(string? text, out ApiRole role)
    {
        (var ok, role) = text switch
        {
            Viewer => (true, ApiRole.Viewer),
            Operator => (true, ApiRole.Operator),
            Admin => (true, ApiRole.Admin),
            _ => (false, ApiRole.Viewer),
        };
        return ok;
    }
}
