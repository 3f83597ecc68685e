using Microsoft.EntityFrameworkCore;

namespace MigrationBench.Peers;

/// <summary>A context with no entities: the generated migrations are all it has.</summary>
internal sealed class EfCoreBenchContext(DbContextOptions<EfCoreBenchContext> options, EfCoreMigrationTypes migrations)
    : DbContext(options)
{
    public EfCoreMigrationTypes Migrations { get; } = migrations;
}
