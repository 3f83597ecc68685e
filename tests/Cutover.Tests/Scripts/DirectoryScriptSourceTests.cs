using Cutover.Scripts;
using Shouldly;

namespace Cutover.Tests.Scripts;

public sealed class DirectoryScriptSourceTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cutover-scripts-").FullName;

    private string Migrations => Path.Combine(_root, "migrations");

    public DirectoryScriptSourceTests() => Directory.CreateDirectory(Migrations);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private DirectoryScriptSourceTests With(string relativePath, params byte[] bytes)
    {
        File.WriteAllBytes(Path.Combine(_root, relativePath), bytes);
        return this;
    }

    private DirectoryScriptSourceTests With(string relativePath, string text) =>
        With(relativePath, System.Text.Encoding.UTF8.GetBytes(text));

    private Task<MigrationSet> LoadAsync() =>
        MigrationSet.LoadAsync(new DirectoryScriptSource(Migrations), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Folder_named_like_a_script_is_an_error()
    {
        With("migrations/01.00.00_01_pre_a.sql", "SELECT 1;");
        Directory.CreateDirectory(Path.Combine(Migrations, "01.00.00_02_pre_x.sql"));

        var error = await Should.ThrowAsync<ScriptParseException>(LoadAsync);

        error.Problems.ShouldHaveSingleItem().ToString().ShouldBe(
            Path.Combine(Migrations, "01.00.00_02_pre_x.sql") + ": is a folder, not a script file: move its scripts up or rename it");
    }

    [Fact]
    public async Task Other_subfolders_are_ignored()
    {
        With("migrations/01.00.00_01_pre_a.sql", "SELECT 1;");
        Directory.CreateDirectory(Path.Combine(Migrations, "archive"));

        (await LoadAsync()).Scripts.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Every_bad_file_is_listed_with_the_other_problems()
    {
        With("migrations/01.00.00_01_pre_a.sql", [.. "SELECT '"u8, 0xE9, .. "';"u8]);
        With("migrations/01.00.00_02_pre_b.sql", [.. "SELECT '"u8, 0x00, .. "';"u8]);
        With("migrations/not_a_name.sql", "SELECT 1;");
        With("schema.sql", [0xFF, 0xFE, (byte)'S', 0]);

        var error = await Should.ThrowAsync<ScriptParseException>(LoadAsync);

        error.Problems.Select(p => (Path.GetFileName(p.Location), p.Line, p.Column, p.Message.Split(':')[0])).ShouldBe(
        [
            ("01.00.00_01_pre_a.sql", 1, 9, "invalid UTF-8 byte 0xE9"),
            ("01.00.00_02_pre_b.sql", 1, 9, "NUL byte (0x00)"),
            ("not_a_name.sql", null, null, "'not_a_name.sql' is not a migration name"),
            ("schema.sql", 1, 1, "UTF-16 text (byte order mark 0xFF 0xFE)"),
        ]);
    }

    [Fact]
    public async Task Unreadable_file_is_listed_with_the_other_problems()
    {
        // A dangling link cannot be read even by root, unlike a file without read permission.
        File.CreateSymbolicLink(Path.Combine(Migrations, "01.00.00_01_pre_a.sql"), Path.Combine(_root, "gone.sql"));
        With("migrations/bad.sql", "SELECT 1;");

        var error = await Should.ThrowAsync<ScriptParseException>(LoadAsync);

        error.Problems.Select(p => p.Message.Split(':')[0]).ShouldBe(["cannot be read", "'bad.sql' is not a migration name"]);
    }

    [Fact]
    public async Task Byte_order_mark_and_line_endings_keep_the_checksum_of_the_plain_file()
    {
        With("migrations/01.00.00_01_pre_a.sql", [0xEF, 0xBB, 0xBF, .. "SELECT 'é';\r\nSELECT 2;\r\n"u8]);
        var withBom = (await LoadAsync()).Scripts[0];
        With("migrations/01.00.00_01_pre_a.sql", "SELECT 'é';\nSELECT 2;\n");
        var plain = (await LoadAsync()).Scripts[0];

        withBom.Body.ShouldBe("SELECT 'é';\r\nSELECT 2;\r\n");
        withBom.Checksum.ShouldBe(plain.Checksum);
    }
}
