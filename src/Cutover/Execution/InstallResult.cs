using System.Collections.Immutable;

namespace Cutover.Execution;

/// <summary>What <c>install</c> did.</summary>
/// <param name="SchemaLocation">The <c>schema.sql</c> that was run.</param>
/// <param name="Recorded">The migrations recorded as <c>schema</c>.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record InstallResult(string SchemaLocation, ImmutableArray<string> Recorded, TimeSpan Elapsed);
