// PanelQueryTests runs three silo processes and a Prometheus; nothing else here should compete with it for the two cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
