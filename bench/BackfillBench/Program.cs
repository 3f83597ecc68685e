using System.Globalization;
using Cutover.Benchmarks;

// dotnet run -c Release --project bench/BackfillBench -- [rows] [repetitions]
var rows = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var repetitions = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return await BackfillThroughput.RunAsync(rows, repetitions, cancellation.Token);
