// Under `mpirun -n N nabla train ...` every process is one rank of a data-parallel run (docs/DISTRIBUTED.md).
return Nabla.Distributed.DistributedEnvironment.RunAsRank(() => Nabla.Cli.CliApp.Run(args));
