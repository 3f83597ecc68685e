namespace Cutover.Connections;

/// <summary>How the resolver treats a libpq keyword.</summary>
internal enum LibpqParameterHandling
{
    /// <summary>The value maps onto one Npgsql setting through <see cref="LibpqParameter.Apply"/>.</summary>
    Mapped,

    /// <summary>The resolver handles the value itself (host and port lists, service, password file).</summary>
    Resolver,

    /// <summary>libpq knows the keyword but Npgsql has no equivalent; using it is an error rather than silently
    /// connecting with weaker settings than the user asked for.</summary>
    Unsupported,
}
