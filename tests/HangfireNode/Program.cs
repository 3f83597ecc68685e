using Cutover.PostDeploy;
using HangfireNode;

// A Hangfire server in a process of its own: HangfireNode CONNECTION-STRING NAME. It runs until killed or until its
// standard input closes; the test kills it with SIGKILL mid-backfill.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: HangfireNode CONNECTION-STRING NAME");
    return 2;
}

var (connectionString, name) = (args[0], args[1]);
await using var dataSource = NodeSettings.DataSource(connectionString, name);
var executor = new PostDeployExecutor(dataSource, NodeSettings.Catalog, NodeSettings.PostDeployOptions(name));
var storage = NodeSettings.Storage(connectionString);
using (NodeSettings.StartServer(name, storage, executor))
{
    Console.WriteLine("started " + name);
    await Console.In.ReadToEndAsync();
}

return 0;
