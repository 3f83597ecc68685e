namespace Cutover.Testing;

/// <summary>Finds the PostgreSQL server programs (<c>initdb</c>, <c>pg_ctl</c>) on this machine.</summary>
public static class ServerBinaries
{
    /// <summary>Returns the folder holding <c>initdb</c> and <c>pg_ctl</c>: <paramref name="explicitDirectory"/>
    /// when given, else the first match on PATH, else the newest <c>/usr/lib/postgresql/*/bin</c>.</summary>
    /// <exception cref="ThrowawayServerException">No server programs were found.</exception>
    public static string Locate(string? explicitDirectory = null)
    {
        if (explicitDirectory is not null)
        {
            return HasServerPrograms(explicitDirectory)
                ? explicitDirectory
                : throw new ThrowawayServerException($"{explicitDirectory}: no initdb and pg_ctl in this folder");
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (HasServerPrograms(folder))
            {
                // Follow a symlinked initdb to its real folder, which also holds psql, pg_dump and pg_restore.
                var initdb = new FileInfo(Path.Combine(folder, "initdb"));
                var target = initdb.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
                var real = target is null ? null : Path.GetDirectoryName(target);
                return real is not null && HasServerPrograms(real) ? real : folder;
            }
        }

        // Debian keeps the server programs off PATH, one folder per major version.
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: Path.Combine(d, "bin"), Major: int.TryParse(Path.GetFileName(d), out var m) ? m : 0))
                .Where(x => HasServerPrograms(x.Dir))
                .OrderByDescending(x => x.Major)
                .Select(x => x.Dir)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        throw new ThrowawayServerException(
            "no PostgreSQL server programs (initdb, pg_ctl) found on PATH or under /usr/lib/postgresql/*/bin; " +
            "install them (Debian: apt-get install -y postgresql)");
    }

    private static bool HasServerPrograms(string folder) =>
        File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl"));
}
