using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Cutover.Scripts;

namespace Cutover.Adoption;

/// <summary>Proposes Cutover names for the previous tool's scripts: <c>V1_2__add_x.sql</c> becomes
/// <c>01.02.00_01_add_x.sql</c>, <c>delta_0.5.0_001_drop_x.sql</c> becomes <c>00.05.00_01_drop_x.sql</c>, and a
/// script of a tool without versions (DbUp, grate) gets the next of <c>00.00.01</c>, <c>00.00.02</c>, ... in the
/// order the tool ran them. Serials count from 01 within a version, so every script is a pre-migration, as the
/// previous tool ran it.</summary>
internal static class CutoverNameProposer
{
    /// <param name="history">The previous tool.</param>
    /// <param name="files">All of its folder's files: a tool without versions numbers them all, in its order.</param>
    /// <param name="wanted">Whether a file needs a name (it pairs with no script of Cutover's folder).</param>
    /// <param name="taken">Cutover's scripts already there, whose version and serial a proposal must not take.</param>
    public static ImmutableArray<ProposedScriptName> Propose(
        PreviousToolHistory history, IEnumerable<PreviousScriptFile> files, Func<PreviousScriptFile, bool> wanted,
        IEnumerable<MigrationScript> taken)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(wanted);
        var used = taken.Where(s => s.Name.Serial is not null).Select(s => (s.Version, s.Name.Serial!.Value)).ToHashSet();
        var proposals = ImmutableArray.CreateBuilder<ProposedScriptName>();
        var sequence = 0;
        foreach (var file in history.InRunOrder(files.Where(history.IsMigration)))
        {
            var version = history.VersionOf(file) ?? ScriptVersion.Parse("0.0." + (++sequence).ToString(CultureInfo.InvariantCulture));
            if (!wanted(file))
            {
                continue;
            }

            var serial = 1;
            while (!used.Add((version, serial)))
            {
                serial++;
            }

            proposals.Add(new ProposedScriptName(file.RelativePath,
                $"{Format(version)}_{serial.ToString("00", CultureInfo.InvariantCulture)}_{Sanitize(history.DescriptionOf(file))}.sql"));
        }

        return proposals.ToImmutable();
    }

    private static string Format(ScriptVersion version)
    {
        var components = version.Components.ToList();
        while (components.Count < 3)
        {
            components.Add(0);
        }

        return string.Join('.', components.Select(c => c.ToString("00", CultureInfo.InvariantCulture)));
    }

    /// <summary>Letters, digits, <c>_</c> and <c>-</c>; anything else becomes one <c>_</c>.</summary>
    private static string Sanitize(string description)
    {
        var text = new StringBuilder(description.Length);
        foreach (var c in description)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '-')
            {
                text.Append(c);
            }
            else if (text.Length > 0 && text[^1] != '_')
            {
                text.Append('_');
            }
        }

        var result = text.ToString().Trim('_');
        return result.Length > 0 ? result : "script";
    }
}
