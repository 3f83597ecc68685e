using FluentMigrator;
using FluentMigrator.Infrastructure;
using FluentMigrator.Runner;

namespace MigrationBench.Peers;

/// <summary>Hands FluentMigrator one migration per script. FluentMigrator finds migrations as classes carrying
/// <c>[Migration(n)]</c>; 500 such classes would have to be written out, so this loader gives the runner what its
/// assembly scan would have produced: version, description and default transaction behaviour (a transaction per
/// migration) for each.</summary>
internal sealed class FluentScriptMigrationLoader(MigrationWorkspace migrations) : IMigrationInformationLoader
{
    public SortedList<long, IMigrationInfo> LoadMigrations()
    {
        var infos = new SortedList<long, IMigrationInfo>(migrations.Count);
        foreach (var migration in migrations.Migrations)
        {
            infos.Add(migration.Number, new MigrationInfo(migration.Number, migration.Description,
                TransactionBehavior.Default, isBreakingChange: false, () => new FluentScriptMigration(migration.Sql)));
        }

        return infos;
    }
}
