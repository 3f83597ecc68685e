using System.Security.Cryptography;
using System.Text;

namespace Cutover.Scripts;

/// <summary>The checksum that detects an edited script: SHA-256 of the text with CRLF folded to LF and a leading BOM
/// removed, so a checkout on Windows does not look like drift.</summary>
internal static class ScriptChecksum
{
    /// <summary>Returns the lower-case hex SHA-256 of the normalised text.</summary>
    public static string Compute(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var normalized = Normalize(content);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }

    /// <summary>Removes a leading BOM and folds CRLF to LF.</summary>
    internal static string Normalize(string content)
    {
        var text = content.Length > 0 && content[0] == '\uFEFF' ? content[1..] : content;
        return text.Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
