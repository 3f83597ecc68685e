using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cutover.Inspection;
using Microsoft.Extensions.Logging;
using Shouldly;

namespace Cutover.Tests.Inspection;

public sealed class InspectionLogTests(ServerFixture fixture)
{
    [Fact]
    public async Task Inspection_and_comparison_log_by_event_id()
    {
        var database = await SchemaBuilder.CreateAsync(fixture, "CREATE TABLE t (a int)");
        var sink = new CapturingLogger();
        await using var dataSource = fixture.Server.CreateDataSource(database);

        var model = await new SchemaInspector(logger: sink.For<SchemaInspector>())
            .InspectAsync(dataSource, TestContext.Current.CancellationToken);
        new SchemaComparer(logger: sink.For<SchemaComparer>()).Compare(model, model);

        sink.EventIds.ShouldContain(CutoverEventIds.SchemaInspecting);
        sink.EventIds.ShouldContain(CutoverEventIds.SchemaInspected);
        sink.EventIds.ShouldContain(CutoverEventIds.CatalogQuery);
        sink.EventIds.ShouldContain(CutoverEventIds.SchemasCompared);
        sink.EventIds.ShouldAllBe(id => id >= 5000 && id < 6000);
    }

    [Fact]
    public void Comparison_round_trips_through_json_with_enums_as_strings()
    {
        var comparison = new SchemaComparison
        {
            LeftName = "schema.sql",
            RightName = "migrations",
            Differences =
            [
                new SchemaDifference
                {
                    Kind = DifferenceKind.Differs, ObjectKind = ObjectKind.Column, ObjectName = "jobs.priority",
                    Property = "default", LeftValue = "0", RightValue = "1",
                },
            ],
        };
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

        var json = JsonSerializer.Serialize(comparison, options);

        json.ShouldContain("\"objectKind\":\"Column\"");
        json.ShouldContain("\"isEquivalent\":false");
        JsonSerializer.Deserialize<SchemaComparison>(json, options).ShouldBe(comparison);
    }

    private sealed class CapturingLogger
    {
        private readonly ConcurrentQueue<int> _eventIds = new();

        public IReadOnlyCollection<int> EventIds => _eventIds;

        public ILogger<T> For<T>() => new Logger<T>(this);

        private sealed class Logger<T>(CapturingLogger owner) : ILogger<T>
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(
                LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                Func<TState, Exception?, string> formatter) => owner._eventIds.Enqueue(eventId.Id);
        }
    }
}
