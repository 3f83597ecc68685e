using Cutover.Fleet;
using Shouldly;

namespace Cutover.Tests.Fleet;

public sealed class FleetWavesTests
{
    [Fact]
    public void Waves_are_cumulative_counts_and_percentages()
    {
        FleetWaves.Parse("1,10%,100%").Assign(30).ShouldBe([1, 2, 2, .. Enumerable.Repeat(3, 27)]);
    }

    [Fact]
    public void Targets_beyond_the_last_size_form_one_more_wave()
    {
        FleetWaves.Parse("1,2").Assign(4).ShouldBe([1, 2, 3, 3]);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101%")]
    [InlineData("1,,2")]
    [InlineData("x")]
    public void Bad_waves_are_refused(string text) => Should.Throw<FormatException>(() => FleetWaves.Parse(text));

    [Fact]
    public void Shards_together_take_every_position_once()
    {
        var taken = Enumerable.Range(1, 4)
            .SelectMany(i => Enumerable.Range(0, 23).Where(p => FleetShard.Parse($"{i}/4").Takes(p)))
            .ToList();

        taken.Order().ShouldBe(Enumerable.Range(0, 23));
    }

    [Theory]
    [InlineData("0/4")]
    [InlineData("5/4")]
    [InlineData("1")]
    public void Bad_shards_are_refused(string text) => Should.Throw<FormatException>(() => FleetShard.Parse(text));
}
