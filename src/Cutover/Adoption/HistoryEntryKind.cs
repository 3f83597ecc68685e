namespace Cutover.Adoption;

/// <summary>What a row of another tool's history stands for.</summary>
internal enum HistoryEntryKind
{
    /// <summary>A script the tool ran once.</summary>
    Script,

    /// <summary>A baseline: everything below a version counts as applied (Pum 0.x type 0, Flyway's BASELINE, Evolve's
    /// start version, a Pum 1.x version row without files).</summary>
    Baseline,

    /// <summary>A script the tool runs again whenever it changes (Flyway's and Evolve's <c>R__</c>, grate's anytime
    /// folders): Cutover has no such scripts, so it is reported, not adopted.</summary>
    Rerunnable,

    /// <summary>Code, not SQL (Pum's Python deltas, Flyway's Java migrations): reported, not adopted.</summary>
    Code,

    /// <summary>The tool's own bookkeeping (Evolve's and Flyway's schema rows): ignored.</summary>
    Bookkeeping,
}
