namespace ControlPlane.Testing.Route53;

/// <summary>The two shapes Route 53 has used for InvalidChangeBatch.</summary>
public enum InvalidChangeBatchShape
{
    /// <summary><c>ErrorResponse/Error</c> with every message in one <c>[a, b]</c> Message (today's).</summary>
    ErrorResponse,

    /// <summary>An <c>InvalidChangeBatch</c> root with one <c>Messages/Message</c> per problem (older).</summary>
    LegacyRoot,
}
