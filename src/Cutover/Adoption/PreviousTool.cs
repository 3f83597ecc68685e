namespace Cutover.Adoption;

/// <summary>A migration tool whose history <c>adopt</c> reads: the tool a database was migrated with before
/// Cutover.</summary>
public enum PreviousTool
{
    /// <summary>Pum: 0.x's table of deltas (<c>public.pum</c> in Procrastinate's guide, with MD5 checksums and a
    /// baseline row of type 0) or 1.x's <c>pum_migrations</c> (one row per version, no checksums).</summary>
    Pum,

    /// <summary>DbUp (<c>dbup-postgresql</c>): <c>public.schemaversions</c>, script names only.</summary>
    DbUp,

    /// <summary>Evolve: <c>public.changelog</c>, Flyway's file names and MD5 checksums.</summary>
    Evolve,

    /// <summary>grate: <c>grate."ScriptsRun"</c> and <c>grate."ScriptsRunErrors"</c>, with each script's text.</summary>
    Grate,

    /// <summary>Flyway: <c>public.flyway_schema_history</c>, <c>V1_2__desc.sql</c> names and CRC32 checksums.</summary>
    Flyway,
}
