namespace Cutover.Bench;

/// <summary>Finds the client programs (<c>psql</c>, <c>pg_dump</c>) of the server's version.</summary>
internal static class BenchPrograms
{
    /// <summary>The path of <paramref name="name"/> beside the server's programs. The server's bin folder may hold
    /// only symbolic links to initdb and pg_ctl (as /usr/local/bin does here): the client programs of the same
    /// version sit beside the link's target. PATH when neither has it.</summary>
    public static string Locate(string serverBinDirectory, string name)
    {
        var beside = Path.Combine(serverBinDirectory, name);
        if (File.Exists(beside))
        {
            return beside;
        }

        var initdb = new FileInfo(Path.Combine(serverBinDirectory, "initdb")).ResolveLinkTarget(returnFinalTarget: true);
        var besideTarget = initdb is null ? null : Path.Combine(Path.GetDirectoryName(initdb.FullName)!, name);
        return besideTarget is not null && File.Exists(besideTarget) ? besideTarget : name;
    }
}
