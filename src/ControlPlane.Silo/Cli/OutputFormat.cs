namespace ControlPlane.Silo.Cli;

/// <summary><c>--output</c>: a readable table, or the API's JSON for scripts.</summary>
internal enum OutputFormat
{
    Table,
    Json,
}
