using System.Globalization;

namespace Cutover.Connections;

/// <summary>One libpq connection parameter (<c>port=5433</c>) and where it came from, so that an error about its value
/// can name the culprit (<c>PGPORT</c>, <c>connection URI</c>, <c>/home/ana/.pg_service.conf:7</c>).</summary>
/// <param name="Keyword">The libpq keyword, e.g. <c>dbname</c>.</param>
/// <param name="Value">The value, already unescaped or percent-decoded.</param>
/// <param name="Origin">Where the value was read when not from a file (<c>PGPORT</c>), or the file.</param>
/// <param name="Line">The 1-based line of the file <paramref name="Origin"/> names; 0 when not from a file.</param>
internal readonly record struct ConnectionSetting(string Keyword, string Value, string Origin, int Line = 0)
{
    /// <summary>Where the value came from, for messages: <c>PGPORT</c> or <c>/etc/pg_service.conf:7</c>.</summary>
    public string Source => Line > 0 ? Origin + ":" + Line.ToString(CultureInfo.InvariantCulture) : Origin;

    /// <summary>An error about this setting, located at its file and line when it has one.</summary>
    public ConnectionConfigurationException Error(string problem) =>
        Line > 0 ? new ConnectionConfigurationException(Origin, Line, problem) : new(Source + ": " + problem);
}
