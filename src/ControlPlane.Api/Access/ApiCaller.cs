using System.Security.Claims;

namespace ControlPlane.Api.Access;

/// <summary>Who is calling: the key's id, name and role (the bootstrap key is <c>bootstrap</c>, admin).</summary>
public sealed record ApiCaller(string KeyId, string Name, ApiRole Role)
{
    public const string BootstrapId = "bootstrap";

    public static ApiCaller Bootstrap { get; } = new(BootstrapId, BootstrapId, ApiRole.Admin);

    public ClaimsPrincipal ToPrincipal(string scheme) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, KeyId), new Claim(ClaimTypes.Name, Name), new Claim(ClaimTypes.Role, Role.Name())], scheme));

    /// <summary>The caller an authenticated principal stands for, or null.</summary>
    public static ApiCaller? From(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && ApiRoles.TryParse(user.FindFirstValue(ClaimTypes.Role), out var role)
            ? new ApiCaller(id, user.FindFirstValue(ClaimTypes.Name) ?? id, role)
            : null;
}
