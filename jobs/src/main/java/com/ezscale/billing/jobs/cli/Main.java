package com.ezscale.billing.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The jobs application's command line. Each command starts the Spring context it needs (the
 * scheduler only for {@code serve}), does its work and exits: 0 on success, 1 with a one-line
 * reason on stderr otherwise, 2 on a usage error.
 */
@Command(name = "ezscale-jobs", mixinStandardHelpOptions = true, version = "EZSCALE Billing jobs 0.1",
        description = "EZSCALE Billing: the nightly billing run, its jobs and schedules.",
        subcommands = {ServeCommand.class, RunCommand.class, RunsCommand.class, RestartCommand.class, DemoCommand.class,
                BenchCommand.class, CommandLine.HelpCommand.class})
public class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + oneLine(e));
            return 1;
        });
        return commandLine.execute(args);
    }

    static String oneLine(Throwable e) {
        Throwable t = e;
        String message = t.getMessage();
        while ((message == null || message.isBlank()) && t.getCause() != null) {
            t = t.getCause();
            message = t.getMessage();
        }
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
