package com.ezscale.billing.jobs.cli;

import com.ezscale.billing.money.TypedAmount;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The jobs application's command line. Each command starts the Spring context it needs (the
 * scheduler only for {@code serve}), does its work and exits: 0 on success, 1 with a one-line
 * reason on stderr otherwise, 2 on a usage error.
 */
@Command(
        name = "ezscale-jobs",
        mixinStandardHelpOptions = true,
        version = "EZSCALE Billing jobs 0.1",
        description = "EZSCALE Billing: the nightly billing run, its jobs and schedules.",
        subcommands = {
            ServeCommand.class,
            RunCommand.class,
            RunsCommand.class,
            RestartCommand.class,
            IngestFileCommand.class,
            IngestKafkaCommand.class,
            UsageCommand.class,
            PdfCommand.class,
            ReportCommand.class,
            PreviewCommand.class,
            AccountCommands.ChangePlan.class,
            AccountCommands.Cancel.class,
            AccountCommands.Redeem.class,
            AccountCommands.Credit.class,
            AccountCommands.ConvertCurrency.class,
            AccountCommands.Pay.class,
            AccountCommands.CreditNote.class,
            AccountCommands.Refund.class,
            AccountCommands.Card.class,
            AccountCommands.PayPal.class,
            AccountCommands.Prefer.class,
            AccountCommands.Void.class,
            AccountCommands.Approve.class,
            AccountCommands.Hold.class,
            CustomerCommands.class,
            CustomerCommands.Group.class,
            BookCommands.Services.class,
            BookCommands.Products.class,
            BookCommands.Plans.class,
            BookCommands.Coupons.class,
            BookCommands.LoyaltyTiers.class,
            BookCommands.TaxRulesCommand.class,
            BookCommands.SellersCommand.class,
            FxCommands.class,
            StaffCommands.class,
            MigrateWhmcsCommand.class,
            ParallelRunCommands.ParallelRunCommand.class,
            ParallelRunCommands.CutoverCommand.class,
            DemoCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public class Main implements Runnable {

    private static final Pattern SPRING_PROPERTY = Pattern.compile("--([A-Za-z][\\w-]*(?:\\.[\\w\\[\\]-]+)+)=(.*)");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, Object> springProperties;

    Main(Map<String, Object> springProperties) {
        this.springProperties = Map.copyOf(springProperties);
    }

    /** The Spring properties given on the command line ({@code --some.property=value}), for the context a command starts. */
    Map<String, Object> springProperties() {
        return springProperties;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    /**
     * Runs a command. Arguments of the form {@code --some.property=value} (a dotted key) are Spring
     * properties for the application, e.g. {@code --ezscale.billing.chunk-size=1000}; the rest is the command.
     */
    public static int execute(String... args) {
        com.ezscale.billing.audit.AuditOrigin.setDefault("cli@" + host());
        List<String> command = new ArrayList<>();
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String arg : args) {
            Matcher m = SPRING_PROPERTY.matcher(arg);
            if (m.matches()) {
                properties.put(m.group(1), m.group(2));
            } else {
                command.add(arg);
            }
        }
        CommandLine commandLine = new CommandLine(new Main(properties));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // amounts as a person types them: plain digits, never 1E+30 (TypedAmount says why)
        commandLine.registerConverter(BigDecimal.class, text -> {
            try {
                return TypedAmount.parse(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + oneLine(e));
            return 1;
        });
        commandLine.setParameterExceptionHandler((e, given) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr()
                    .println("error: " + oneLine(e) + " (see `"
                            + cmd.getCommandSpec().qualifiedName() + " --help`)");
            return 2;
        });
        return commandLine.execute(command.toArray(String[]::new));
    }

    /** An exception as one line for a person: the first message that says something, down its causes. */
    public static String oneLine(Throwable e) {
        Throwable t = e;
        String message = t.getMessage();
        while ((message == null || message.isBlank()) && t.getCause() != null) {
            t = t.getCause();
            message = t.getMessage();
        }
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName() + (t != e ? " (" + t.getClass().getSimpleName() + ")" : "");
        }
        // the first line that says something (MyBatis' messages begin with an empty one)
        return message.lines()
                .filter(l -> !l.isBlank())
                .findFirst()
                .orElse(message)
                .strip();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
