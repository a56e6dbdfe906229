using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Vigil.Benchmarks.Hj212ParseBenchmarks).Assembly).Run(args);
