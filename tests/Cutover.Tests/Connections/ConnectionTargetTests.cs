using Cutover.Connections;
using Shouldly;

namespace Cutover.Tests.Connections;

public sealed class ConnectionTargetTests
{
    [Fact]
    public void Create_treats_blank_arguments_as_not_given()
    {
        var target = ConnectionTarget.Create(" ", "");

        target.Connection.ShouldBeNull();
        target.ServiceName.ShouldBeNull();
    }

    [Fact]
    public void ToString_never_shows_the_connection_string() =>
        ConnectionTarget.Create("Host=db;Password=S3ntinel-Pa55", "prod").ToString()
            .ShouldBe("ConnectionTarget { Connection = (not shown), ServiceName = prod }");

    [Fact]
    public void Targets_with_the_same_parts_are_equal() =>
        ConnectionTarget.Create("Host=db", "prod").ShouldBe(ConnectionTarget.Create("Host=db", "prod"));
}
