using System.Globalization;
using Cutover.PostDeploy;
using HangfireNode;

// A Hangfire server in a process of its own: HangfireNode CONNECTION-STRING NAME [LEASE-SECONDS]. It runs until
// killed or until its standard input closes; the tests kill it with SIGKILL mid-backfill.
if (args.Length is not (2 or 3))
{
    Console.Error.WriteLine("usage: HangfireNode CONNECTION-STRING NAME [LEASE-SECONDS]");
    return 2;
}

var (connectionString, name) = (args[0], args[1]);
TimeSpan? lease = args.Length == 3 ? TimeSpan.FromSeconds(double.Parse(args[2], CultureInfo.InvariantCulture)) : null;
await using var dataSource = NodeSettings.DataSource(connectionString, name);
var executor = new PostDeployExecutor(dataSource, NodeSettings.Catalog, NodeSettings.PostDeployOptions(name, lease));
var storage = NodeSettings.Storage(connectionString);
using (NodeSettings.StartServer(name, storage, executor))
{
    Console.WriteLine("started " + name);
    await Console.In.ReadToEndAsync();
}

return 0;
