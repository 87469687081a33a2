namespace ControlPlane.Cql;

/// <summary>A user-defined function failed (0x1400, protocol v4).</summary>
public sealed class CqlFunctionFailureException : CqlServerException
{
    public CqlFunctionFailureException(string message, string keyspace, string function, IReadOnlyList<string> argumentTypes, Exception? innerException = null)
        : base(CqlErrorCode.FunctionFailure, message, innerException)
    {
        Keyspace = keyspace;
        Function = function;
        ArgumentTypes = argumentTypes;
    }

    /// <summary>Keyspace of the function.</summary>
    public string Keyspace { get; }

    /// <summary>The function name.</summary>
    public string Function { get; }

    /// <summary>The function's argument types.</summary>
    public IReadOnlyList<string> ArgumentTypes { get; }
}
