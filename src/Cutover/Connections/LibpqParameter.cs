using Npgsql;

namespace Cutover.Connections;

/// <summary>One libpq connection keyword: the environment variable that supplies a default for it, the Npgsql
/// connection string keyword that means the same, and how its value is put on a builder.</summary>
/// <param name="Keyword">The libpq keyword, e.g. <c>sslmode</c>.</param>
/// <param name="EnvironmentVariable">The variable libpq reads when the keyword is not given, e.g. <c>PGSSLMODE</c>;
/// null when libpq has none.</param>
/// <param name="NpgsqlKeyword">Npgsql's canonical keyword for the same setting (as
/// <see cref="NpgsqlConnectionStringBuilder"/> lists it in <c>Keys</c>), so that a value in an Npgsql connection
/// string counts as explicit; null when Npgsql has no equivalent.</param>
/// <param name="Handling">Whether the value is applied by <paramref name="Apply"/>, by the resolver itself, or refused.</param>
/// <param name="Apply">Puts a value on the builder; throws <see cref="FormatException"/> or
/// <see cref="ArgumentException"/> for a bad value. Null unless <paramref name="Handling"/> is
/// <see cref="LibpqParameterHandling.Mapped"/>.</param>
/// <param name="IsSecret">The value is a secret and is never quoted in a message.</param>
internal sealed record LibpqParameter(
    string Keyword,
    string? EnvironmentVariable,
    string? NpgsqlKeyword,
    LibpqParameterHandling Handling,
    Action<NpgsqlConnectionStringBuilder, string>? Apply = null,
    bool IsSecret = false);
