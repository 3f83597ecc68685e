namespace MigrationBench;

/// <summary>What one run took: wall time, and CPU time of client and server together, in milliseconds.</summary>
internal readonly record struct RunTime(double Wall, double Cpu);
