using Cutover.Scripts;
using Shouldly;

namespace Cutover.Tests.Scripts;

public sealed class EmbeddedScriptSourceTests
{
    private static readonly string s_assembly = typeof(EmbeddedScriptSourceTests).Assembly.GetName().Name!;

    [Fact]
    public async Task Resources_get_the_same_byte_checks_as_files()
    {
        var source = new EmbeddedScriptSource(typeof(EmbeddedScriptSourceTests).Assembly, "bad-input/migrations/",
            "bad-input/schema-invalid.sql");

        var error = await Should.ThrowAsync<ScriptParseException>(
            () => MigrationSet.LoadAsync(source, TestContext.Current.CancellationToken));

        var prefix = $"resource:{s_assembly}/bad-input/";
        error.Problems.Select(p => (p.Location, p.Line, p.Column, p.Message.Split(':')[0])).ShouldBe(
        [
            (prefix + "migrations/01.00.00_02_pre_latin1.sql", 2, 27, "invalid UTF-8 byte 0xE9"),
            (prefix + "migrations/01.00.00_03_pre_nul.sql", 2, 9, "NUL byte (0x00)"),
            (prefix + "schema-invalid.sql", 2, 1, "invalid UTF-8 byte 0xFF"),
        ]);
    }

    [Fact]
    public async Task Byte_order_mark_of_a_resource_is_skipped()
    {
        var source = new EmbeddedScriptSource(typeof(EmbeddedScriptSourceTests).Assembly, "bad-input/none/", "bad-input/schema.sql");

        var schema = await source.ReadSchemaAsync(TestContext.Current.CancellationToken);

        schema.ShouldNotBeNull().Problem.ShouldBeNull();
        schema.Content.ShouldBe("CREATE TABLE s (id int);\n");
    }
}
