using Cutover.Cli;

return await CutoverCommandLine.RunAsync(args, Console.Out, Console.Error);
