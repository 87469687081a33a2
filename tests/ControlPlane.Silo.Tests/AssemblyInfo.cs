// Each test here runs real silo processes; running the classes in parallel on a 2-core machine
// starves probes of CPU and makes timing-based acceptance bounds meaningless. Run them one by one.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
