using Microsoft.Data.Sqlite;

namespace ControlPlane.Clustering.Sqlite;

/// <summary>Parameterised commands inside a transaction.</summary>
internal static class SqliteCommandExtensions
{
    public static SqliteCommand Command(this SqliteConnection connection, string sql, SqliteTransaction transaction, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    /// <summary>Runs a statement; returns the rows it changed.</summary>
    public static async Task<int> Run(this SqliteConnection connection, string sql, SqliteTransaction transaction, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.Command(sql, transaction, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<object?> Scalar(this SqliteConnection connection, string sql, SqliteTransaction transaction, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.Command(sql, transaction, parameters);
        return await command.ExecuteScalarAsync();
    }

    public static async Task<bool> Exists(this SqliteConnection connection, string sql, SqliteTransaction transaction, params (string Name, object? Value)[] parameters) =>
        await connection.Scalar(sql, transaction, parameters) is not null;
}
