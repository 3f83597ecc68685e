using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;

namespace Cutover.Tests.Scripts;

/// <summary>libpg_query (PostgreSQL 15's own scanner and parser, from Debian's <c>libpg-query1504.0</c>), used only to
/// check the splitter against PostgreSQL. Tests that need it skip when the library is not installed.</summary>
internal static class PgQueryOracle
{
    // libpg_query redirects the process's stderr while it splits, so calls must not overlap.
    private static readonly Lock Gate = new();
    private static readonly Lazy<Functions?> Loaded = new(Load);

    internal static bool IsAvailable => Loaded.Value is not null;

    internal static string SkipReason =>
        "libpg_query is not installed (apt-get install libpg-query1504.0 to check the splitter against PostgreSQL)";

    /// <summary>Splits with PostgreSQL's scanner alone: knows quotes, comments and parentheses, but not
    /// BEGIN ATOMIC, and drops statements that contain no key word.</summary>
    internal static OracleSplit SplitWithScanner(string sql) => Split(sql, parser: false);

    /// <summary>Splits with PostgreSQL's grammar; the input must be valid SQL.</summary>
    internal static OracleSplit SplitWithParser(string sql) => Split(sql, parser: true);

    private static OracleSplit Split(string sql, bool parser)
    {
        var functions = Loaded.Value ?? throw new InvalidOperationException(SkipReason);
        var bytes = Encoding.UTF8.GetBytes(sql);
        var input = Marshal.StringToCoTaskMemUTF8(sql);
        try
        {
            lock (Gate)
            {
                var result = parser ? functions.SplitWithParser(input) : functions.SplitWithScanner(input);
                try
                {
                    if (result.Error != IntPtr.Zero)
                    {
                        var error = Marshal.PtrToStructure<NativeError>(result.Error);
                        return new OracleSplit([], Marshal.PtrToStringUTF8(error.Message), error.CursorPosition);
                    }

                    var statements = ImmutableArray.CreateBuilder<(int Offset, int Length)>(result.Count);
                    for (var i = 0; i < result.Count; i++)
                    {
                        var statement = Marshal.PtrToStructure<NativeStatement>(
                            Marshal.ReadIntPtr(result.Statements, i * IntPtr.Size));
                        // libpg_query counts UTF-8 bytes; the splitter counts UTF-16 characters.
                        var start = Encoding.UTF8.GetCharCount(bytes, 0, statement.Location);
                        var end = Encoding.UTF8.GetCharCount(bytes, 0, statement.Location + statement.Length);
                        statements.Add((start, end - start));
                    }

                    return new OracleSplit(statements.DrainToImmutable(), null, 0);
                }
                finally
                {
                    functions.FreeSplitResult(result);
                }
            }
        }
        finally
        {
            Marshal.FreeCoTaskMem(input);
        }
    }

    private static Functions? Load()
    {
        foreach (var name in new[] { "libpg_query.so.1504.0", "libpg_query.so", "pg_query" })
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                return new Functions(
                    Marshal.GetDelegateForFunctionPointer<SplitFunction>(
                        NativeLibrary.GetExport(handle, "pg_query_split_with_scanner")),
                    Marshal.GetDelegateForFunctionPointer<SplitFunction>(
                        NativeLibrary.GetExport(handle, "pg_query_split_with_parser")),
                    Marshal.GetDelegateForFunctionPointer<FreeSplitResultFunction>(
                        NativeLibrary.GetExport(handle, "pg_query_free_split_result")));
            }
        }

        return null;
    }

    private sealed record Functions(
        SplitFunction SplitWithScanner,
        SplitFunction SplitWithParser,
        FreeSplitResultFunction FreeSplitResult);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate NativeSplitResult SplitFunction(IntPtr input);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void FreeSplitResultFunction(NativeSplitResult result);

    /// <summary>PgQuerySplitResult.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct NativeSplitResult
    {
        public IntPtr Statements;
        public int Count;
        public IntPtr StderrBuffer;
        public IntPtr Error;
    }

    /// <summary>PgQuerySplitStmt.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct NativeStatement
    {
        public int Location;
        public int Length;
    }

    /// <summary>PgQueryError.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct NativeError
    {
        public IntPtr Message;
        public IntPtr FunctionName;
        public IntPtr FileName;
        public int LineNumber;
        public int CursorPosition;
        public IntPtr Context;
    }
}
