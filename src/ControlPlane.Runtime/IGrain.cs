namespace ControlPlane.Runtime;

/// <summary>
/// Marks a grain interface. Every method returns <see cref="Task"/> or <see cref="Task{TResult}"/>;
/// calls run one at a time on the grain's single activation (turn-based, as in Orleans).
/// </summary>
public interface IGrain;
