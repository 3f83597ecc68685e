using System.Collections.Immutable;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cutover.PostDeploy;

/// <summary>One key of a backfilled table: the value of each key column, in the order of
/// <see cref="BackfillOptions.KeyColumns"/>, as PostgreSQL renders it as text.</summary>
/// <remarks>Values are text so that any orderable type round-trips exactly (uuid, text in any collation, numeric,
/// timestamptz to the microsecond); PostgreSQL casts them back with the column's type. Saved cursors hold this key as
/// a JSON array of strings (<c>["acme","42"]</c>), or as a plain integer for a single integer key column.</remarks>
/// <param name="Values">One value per key column, as text.</param>
public sealed record BackfillKey(ImmutableArray<string> Values)
{
    // Keeps accents and non-Latin text readable in the journal's cursor column; the text is JSON, never HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Whether both keys hold the same values, column by column (ordinal text comparison).</summary>
    public bool Equals(BackfillKey? other) =>
        other is not null && (ReferenceEquals(this, other) || Values.AsSpan().SequenceEqual(other.Values.AsSpan()));

    /// <summary>A hash of the values, consistent with <see cref="Equals(BackfillKey?)"/>.</summary>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in Values)
        {
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>The key as a JSON array of strings, the form saved as a cursor for keys that are not one integer.</summary>
    public override string ToString() => ToJson();

    internal string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var value in Values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Reads a key from a JSON array, as <c>json_build_array</c> renders one (strings, numbers, booleans)
    /// or as <see cref="ToJson"/> saved it; a text that is not a JSON array is one value of a single-column key
    /// (a cursor saved by a version that only knew integer keys). Null when the text is no key of
    /// <paramref name="columns"/> columns.</summary>
    internal static BackfillKey? TryParse(string text, int columns)
    {
        if (!text.TrimStart().StartsWith('['))
        {
            return columns == 1 ? new BackfillKey([text]) : null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var values = ImmutableArray.CreateBuilder<string>(columns);
            foreach (var element in document.RootElement.EnumerateArray())
            {
                switch (element.ValueKind)
                {
                    case JsonValueKind.String:
                        values.Add(element.GetString()!);
                        break;
                    case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                        // Numbers keep their exact digits (numeric, float8 in shortest exact form) as the input text.
                        values.Add(element.GetRawText());
                        break;
                    default:
                        // NULL cannot be a key value; arrays and objects are not key values Cutover saves.
                        return null;
                }
            }

            return values.Count == columns ? new BackfillKey(values.MoveToImmutable()) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
