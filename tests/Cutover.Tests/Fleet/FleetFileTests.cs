using Cutover.Fleet;
using Shouldly;

namespace Cutover.Tests.Fleet;

public sealed class FleetFileTests
{
    [Fact]
    public void Parse_reads_the_three_kinds_of_entries_with_labels()
    {
        var file = FleetFile.Parse("""
            control: "Host=db1;Database=fleet"      # the ledger
            targets:
              - name: billing
                connection: "Host=db1;Database=billing"
                labels: { region: eu, tier: paid }
              - databases: "SELECT datname FROM pg_database WHERE datname LIKE 'tenant_%'"
                server: "Host=db2;Database=postgres"
                labels: { region: us }
              - schemas: "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant_%'"
                connection: "Host=db3;Database=app"
            """, "fleet.yaml");

        file.Control.ShouldBe("Host=db1;Database=fleet");
        file.Entries.Select(e => e.Kind).ShouldBe([FleetEntryKind.Database, FleetEntryKind.Databases, FleetEntryKind.Schemas]);
        file.Entries[0].Labels.ShouldBe([new("region", "eu"), new("tier", "paid")]);
        file.Entries[1].Connection.ShouldBe("Host=db2;Database=postgres");
    }

    [Fact]
    public void Parse_reads_json()
    {
        var file = FleetFile.Parse("""
            {"targets": [{"connection": "Host=db1;Database=a", "labels": {"region": "eu"}}]}
            """, "fleet.json");

        file.Entries.Single().Labels.ShouldBe([new("region", "eu")]);
    }

    [Fact]
    public void Unknown_keys_are_errors_naming_file_line_and_key()
    {
        var e = Should.Throw<FleetFileException>(() => FleetFile.Parse("""
            targets:
              - name: billing
                conection: "Host=db1;Database=billing"
            """, "fleet.yaml"));

        e.Message.ShouldContain("fleet.yaml:3:5: targets[0].conection: unknown key");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var e = Should.Throw<FleetFileException>(() => FleetFile.Parse("""
            contrl: x
            targets:
              - databases: "SELECT 1"
              - schemas: "SELECT 1"
                name: x
                connection: "Database=app"
            """, "fleet.yaml"));

        e.Problems.Select(p => (p.Line, p.Key)).ShouldBe(
            [(1, "contrl"), (3, "targets[0].server"), (5, "targets[1].name")]);
    }

    [Fact]
    public void Invalid_yaml_names_its_line()
    {
        var e = Should.Throw<FleetFileException>(() => FleetFile.Parse("targets:\n  - connection: \"unterminated\n", "fleet.yaml"));

        e.Problems.Single().Key.ShouldBe("yaml");
        e.Message.ShouldStartWith("fleet.yaml:");
    }
}
