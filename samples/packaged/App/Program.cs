using Cutover.Execution;
using Cutover.Planning;
using Cutover.PostDeploy;
using Cutover.Scripts;
using Cutover.Testing;
using PackagedSample;

// Release 1 is live, release 2 deploys: pre -> before-post backfill -> post, with Cutover taken from packages.
var cancellation = CancellationToken.None;
var db = Path.Combine(AppContext.BaseDirectory, "db");
await using var server = await ThrowawayServer.StartAsync(cancellationToken: cancellation);
var database = await server.CreateDatabaseAsync("shop", cancellationToken: cancellation);
await using var dataSource = server.CreateDataSource(database);

var release1 = await MigrationSet.LoadAsync(
    new DirectoryScriptSource(Path.Combine(db, "v1", "migrations"), Path.Combine(db, "v1", "schema.sql")), cancellation);
var release2 = await MigrationSet.LoadAsync(new DirectoryScriptSource(Path.Combine(db, "v2", "migrations")), cancellation);

await new Migrator(dataSource, release1).InstallAsync(cancellation);
await using (var rows = dataSource.CreateCommand(
    "INSERT INTO accounts (name, email) SELECT 'user' || g, 'user' || g || '@old.example' FROM generate_series(1, 20000) g"))
{
    await rows.ExecuteNonQueryAsync(cancellation);
}

Console.WriteLine("release 1 installed from schema.sql, 20,000 accounts");

var migrator = new Migrator(dataSource, release2);
var pre = await migrator.UpgradeAsync(new UpgradeOptions { Plan = new PlanRequest(PhaseSelection.Pre) }, cancellation);
Console.WriteLine($"pre phase: {pre.Applied.Length} script(s) applied");

var catalog = PostDeployCatalog.FromTypes(typeof(CopyEmailAddress));
var post = new UpgradeOptions
{
    Plan = new PlanRequest(PhaseSelection.Post),
    Gates = [new BeforePostActionsGate(dataSource, catalog)],
};
try
{
    await migrator.UpgradeAsync(post, cancellation);
    Console.Error.WriteLine("unexpected: the post phase ran before the backfill");
    return 1;
}
catch (PostPhaseGateClosedException closed)
{
    Console.WriteLine($"post phase refused, as it should be: {string.Join("; ", closed.Blockers)}");
}

var runner = new PostDeployRunner(new PostDeployExecutor(dataSource, catalog));
var backfill = await runner.DeployAsync(
    new PostDeployRequest { Mode = PostDeployMode.Auto, Stage = PostDeployStage.BeforePost }, cancellationToken: cancellation);
foreach (var outcome in backfill.Outcomes)
{
    Console.WriteLine($"before-post: {outcome.Item.ActionId}: {outcome.Kind}");
}

if (backfill.HasFailures)
{
    return 1;
}

var contracted = await migrator.UpgradeAsync(post, cancellation);
Console.WriteLine($"post phase: {contracted.Applied.Length} script(s) applied");
await using (var check = dataSource.CreateCommand("SELECT count(*) FROM accounts WHERE email_address IS NULL"))
{
    var missing = (long)(await check.ExecuteScalarAsync(cancellation))!;
    Console.WriteLine($"accounts without email_address: {missing}");
    return missing == 0 && contracted.Applied.Length > 0 ? 0 : 1;
}
