package org.mlp4j.cli;

import picocli.CommandLine.Command;

/** The top-level command: a git-style list of subcommands. */
@Command(name = "mlp4j", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Train, evaluate and run dense neural networks (multilayer perceptrons) on the CPU.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, InspectCommand.class,
            ReportCommand.class, DataCommand.class, DatasetsCommand.class, ConvertCommand.class, BenchCommand.class,
            ExampleCommand.class,
            picocli.CommandLine.HelpCommand.class})
public final class Mlp4jCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required (train, evaluate, "
                + "predict, inspect, report, data, datasets, convert, bench)");
    }
}
