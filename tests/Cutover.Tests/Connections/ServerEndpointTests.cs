using Cutover.Connections;
using Shouldly;

namespace Cutover.Tests.Connections;

public sealed class ServerEndpointTests
{
    [Theory]
    [InlineData("db", "db:5432")]
    [InlineData("::1", "[::1]:5432")]
    [InlineData("[::1]", "[::1]:5432")]
    [InlineData("/var/run/postgresql", "/var/run/postgresql:5432")]
    [InlineData("/odd:folder", "/odd:folder:5432")]
    [InlineData("db1:5433,db2", "db1:5433,db2:5432")]
    [InlineData("[::1]:5433,::2,/run/pg:5434", "[::1]:5433,[::2]:5432,/run/pg:5434")]
    public void ParseList_reads_Npgsql_host_values(string host, string described) =>
        string.Join(',', ServerEndpoint.ParseList(host, 5432)).ShouldBe(described);
}
