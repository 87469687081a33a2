// The silo process harness (SiloProcess, ClusterScenario, LoopbackAddresses) lives in ControlPlane.Testing, shared with the dashboards tests.
global using ControlPlane.Testing.Silos;

// The webhook receiver is shared with the chaos harness.
global using ControlPlane.Testing.Webhooks;
