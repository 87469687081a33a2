namespace ControlPlane.Dashboards.Tests.Grafana;

/// <summary>One PromQL expression of a dashboard: a panel's target (by refId) or an annotation.</summary>
internal sealed record PanelQuery(string DashboardUid, string Panel, string RefId, string Expr)
{
    /// <summary><c>uid / panel title / refId</c>: how the exemption list names a query.</summary>
    public string Key => $"{DashboardUid} / {Panel} / {RefId}";

    public override string ToString() => Key;
}
