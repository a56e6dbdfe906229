using Vigil.Host.Cli;

return VigilCli.Run(args);
