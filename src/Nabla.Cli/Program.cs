return Nabla.Cli.CliApp.Run(args);
