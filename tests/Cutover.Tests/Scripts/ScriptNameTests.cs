using Cutover.Scripts;
using FsCheck;
using FsCheck.Fluent;
using Shouldly;

namespace Cutover.Tests.Scripts;

public sealed class ScriptNameTests
{
    [Theory]
    [InlineData("03.00.00_01_pre_cancel_notification.sql", "03.00.00", 1, Phase.Pre, NamingStyle.Tagged, "cancel_notification")]
    [InlineData("03.00.00_50_post_cancel_notification.sql", "03.00.00", 50, Phase.Post, NamingStyle.Tagged, "cancel_notification")]
    [InlineData("00.05.00_01_drop_started_at_column.sql", "00.05.00", 1, Phase.Pre, NamingStyle.Untagged, "drop_started_at_column")]
    [InlineData("01.00.00_75_drop_old.sql", "01.00.00", 75, Phase.Post, NamingStyle.Untagged, "drop_old")]
    [InlineData("delta_1.0.1_001_table_rename.sql", "1.0.1", 1, Phase.Pre, NamingStyle.PumDelta, "table_rename")]
    public void Parse_reads_every_grammar(string fileName, string version, int serial, Phase phase, NamingStyle style, string description)
    {
        var name = ScriptName.Parse(fileName);

        name.Version.ShouldBe(ScriptVersion.Parse(version));
        name.Serial.ShouldBe(serial);
        name.Phase.ShouldBe(phase);
        name.Style.ShouldBe(style);
        name.Description.ShouldBe(description);
        name.Name.ShouldBe(fileName[..^4]);
    }

    [Fact]
    public void Parse_pum_delta_without_serial_has_none() =>
        ScriptName.Parse("delta_1.0.1_table_rename.sql").Serial.ShouldBeNull();

    [Theory]
    [InlineData("add_users.sql", "is not a migration name")]
    [InlineData("03.00.00_51_pre_x.sql", "tag 'pre' contradicts serial 51")]
    [InlineData("03.00.00_02_post_x.sql", "tag 'post' contradicts serial 02")]
    [InlineData("03.00.00_00_x.sql", "serial 00 is out of range")]
    [InlineData("03.00.00_1_x.sql", "is not a migration name")]
    public void TryParse_explains_what_is_wrong(string fileName, string expected)
    {
        ScriptName.TryParse(fileName, out _, out var problem).ShouldBeFalse();
        problem.ShouldContain(expected);
    }

    [Fact]
    public void Untagged_serial_decides_the_phase_at_the_50_boundary()
    {
        ScriptName.Parse("01.00.00_49_x.sql").Phase.ShouldBe(Phase.Pre);
        ScriptName.Parse("01.00.00_50_x.sql").Phase.ShouldBe(Phase.Post);
    }

    [Fact]
    public void Generated_names_round_trip_through_parse()
    {
        var names =
            from parts in Gen.Choose(0, 120).ArrayOf().Where(a => a.Length is >= 1 and <= 4)
            from serial in Gen.Choose(1, 99)
            from tagged in Gen.Elements(true, false)
            from description in Gen.Elements("add_email", "x", "drop_old_column", "v2")
            select (Version: string.Join('.', parts.Select(p => p.ToString("00", System.Globalization.CultureInfo.InvariantCulture))),
                Serial: serial, Tagged: tagged, Description: description);

        Prop.ForAll(names.ToArbitrary(), n =>
        {
            var phase = n.Serial < 50 ? "pre" : "post";
            var fileName = $"{n.Version}_{n.Serial:00}_{(n.Tagged ? phase + "_" : "")}{n.Description}.sql";
            var parsed = ScriptName.Parse(fileName);
            return parsed.FileName == fileName && parsed.Version.Text == n.Version && parsed.Serial == n.Serial &&
                   parsed.Description == n.Description && parsed.Phase == (n.Serial < 50 ? Phase.Pre : Phase.Post);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Order_is_version_then_serial()
    {
        var names = new[] { "1.10.0_01_c.sql", "1.9.0_50_b.sql", "1.9.0_02_a.sql", "01.09.00_01_z.sql" }
            .Select(ScriptName.Parse).Order().Select(n => n.FileName);

        names.ShouldBe(["01.09.00_01_z.sql", "1.9.0_02_a.sql", "1.9.0_50_b.sql", "1.10.0_01_c.sql"]);
    }
}
