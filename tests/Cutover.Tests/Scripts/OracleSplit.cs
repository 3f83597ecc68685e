using System.Collections.Immutable;

namespace Cutover.Tests.Scripts;

/// <summary>What libpg_query made of a script: statement spans in UTF-16 characters, each running from just after the
/// previous <c>;</c> to just before its own (so with surrounding whitespace and comments), or an error.</summary>
internal sealed record OracleSplit(ImmutableArray<(int Offset, int Length)> Statements, string? Error, int ErrorPosition);
