using Cutover.Adoption;
using Shouldly;

namespace Cutover.Tests.Adoption;

/// <summary>How each tool's history names a file, matched against a folder: no database needed.</summary>
public sealed class PreviousScriptNamingTests
{
    private static PreviousScriptFolder Folder(params string[] paths)
    {
        var root = Directory.CreateTempSubdirectory("cutover-names-").FullName;
        foreach (var path in paths)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, path))!);
            File.WriteAllText(Path.Combine(root, path), "SELECT '" + path + "';\n");
        }

        return PreviousScriptFolder.Read(root, TestContext.Current.CancellationToken);
    }

    private static HistoryEntry Entry(string script, string? version = null, string? description = null) =>
        new("t #1", script, version, description, null, null, null, true, HistoryEntryKind.Script);

    [Theory]
    [InlineData("001_a.sql", "001_a.sql")]
    [InlineData("sub.002_b.sql", "sub/002_b.sql")]
    [InlineData("MyApp.Scripts.sub.002_b.sql", "sub/002_b.sql")]
    [InlineData("MyApp.Scripts.002_b.sql", "002_b.sql")]
    [InlineData("MyApp.Scripts.003_missing.sql", null)]
    public void DbUp_names_are_paths_with_dots_or_resource_names(string recorded, string? expected)
    {
        var folder = Folder("001_a.sql", "002_b.sql", "sub/002_b.sql");

        new DbUpHistory().FindFile(Entry(recorded), folder)?.RelativePath.ShouldBe(expected);
        if (expected is null)
        {
            new DbUpHistory().FindFile(Entry(recorded), folder).ShouldBeNull();
        }
    }

    [Fact]
    public void Pum_finds_a_delta_by_version_and_description_wherever_it_ran()
    {
        var folder = Folder("delta_0.5.0_001_drop_x.sql", "delta_0.5.0_002_drop_y.sql", "delta_1.0.0_drop_z.post.sql");
        var pum = new PumDeltaHistory();

        pum.FindFile(Entry("/home/a/migrations/delta_0.5.0_002_drop_y.sql", "0.5.0", "002_drop_y"), folder)!
            .RelativePath.ShouldBe("delta_0.5.0_002_drop_y.sql");
        pum.FindFile(Entry("C:\\old\\delta_1.0.0_drop_z.post.sql", "1.0.0", "drop_z"), folder)!
            .RelativePath.ShouldBe("delta_1.0.0_drop_z.post.sql");
        pum.FindFile(Entry("/x/delta_0.6.0_001_gone.sql", "0.6.0", "001_gone"), folder).ShouldBeNull();
    }

    [Fact]
    public void A_name_in_two_folders_is_told_apart_by_the_recorded_path_or_not_at_all()
    {
        var folder = Folder("a/V1__x.sql", "b/V1__x.sql");

        new FlywayHistory().FindFile(Entry("b/V1__x.sql", "1"), folder)!.RelativePath.ShouldBe("b/V1__x.sql");
        new FlywayHistory().FindFile(Entry("V1__x.sql", "1"), folder).ShouldBeNull();
    }

    [Fact]
    public void Flyways_checksum_ignores_line_endings_and_a_byte_order_mark()
    {
        var root = Directory.CreateTempSubdirectory("cutover-names-").FullName;
        File.WriteAllText(Path.Combine(root, "V1__lf.sql"), "SELECT 1;\nSELECT 2;\n");
        File.WriteAllText(Path.Combine(root, "V2__crlf.sql"), "\uFEFFSELECT 1;\r\nSELECT 2;\r\n");
        File.WriteAllText(Path.Combine(root, "V3__cr.sql"), "SELECT 1;\rSELECT 2;");
        var files = PreviousScriptFolder.Read(root, TestContext.Current.CancellationToken).Files;
        var flyway = new FlywayHistory();

        files.Select(flyway.ChecksumOf).Distinct().ShouldHaveSingleItem();
    }
}
