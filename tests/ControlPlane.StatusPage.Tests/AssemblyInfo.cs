// A real silo process and a real browser: one class at a time on the shared 2-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
