namespace ControlPlane.Cql;

/// <summary>User name and password for Cassandra's PasswordAuthenticator (SASL PLAIN).</summary>
public sealed record CqlCredentials(string Username, string Password)
{
    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"CqlCredentials {{ Username = {Username}, Password = *** }}";

    internal byte[] InitialResponse()
    {
        var user = System.Text.Encoding.UTF8.GetBytes(Username);
        var password = System.Text.Encoding.UTF8.GetBytes(Password);
        var token = new byte[user.Length + password.Length + 2];
        user.CopyTo(token, 1);
        password.CopyTo(token, user.Length + 2);
        return token;
    }
}
