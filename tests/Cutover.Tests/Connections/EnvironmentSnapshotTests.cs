using Cutover.Connections;
using Shouldly;

namespace Cutover.Tests.Connections;

public sealed class EnvironmentSnapshotTests
{
    [Fact]
    public void Capture_copies_the_process_environment()
    {
        var snapshot = EnvironmentSnapshot.Capture();

        snapshot["PATH"].ShouldBe(Environment.GetEnvironmentVariable("PATH"));
    }
}
