using System.Net;

namespace ControlPlane.Configuration.Silo;

/// <summary>A small HTTP target the silo serves itself, so the demo needs no other server.</summary>
/// <param name="Name">An id, unique among the demo targets.</param>
/// <param name="Listen">A loopback address and port, for example 127.0.0.2:8081.</param>
public sealed record DemoTargetSettings(string Name, IPEndPoint Listen);
