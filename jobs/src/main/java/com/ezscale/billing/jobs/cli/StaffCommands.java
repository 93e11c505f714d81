package com.ezscale.billing.jobs.cli;

import com.ezscale.billing.app.staff.StaffAccounts;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.staff.StaffRole;
import com.ezscale.billing.staff.db.StaffUser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Staff accounts of the portal (audited). A password is never an argument (it would sit in the
 * shell history and the process list): it is read from $EZSCALE_STAFF_PASSWORD or the first line
 * of standard input.
 */
@Command(
        name = "staff",
        mixinStandardHelpOptions = true,
        description = "Portal staff accounts: add, list, disable, enable, password, reset-totp (audited).",
        subcommands = {
            StaffCommands.Add.class,
            StaffCommands.ListStaff.class,
            StaffCommands.Disable.class,
            StaffCommands.Enable.class,
            StaffCommands.Password.class,
            StaffCommands.ResetTotp.class
        })
final class StaffCommands extends BookCommands.Group {

    static String password() {
        String env = System.getenv("EZSCALE_STAFF_PASSWORD");
        if (env != null && !env.isEmpty()) {
            return env;
        }
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new BillingRuleViolation(
                        "no password: set EZSCALE_STAFF_PASSWORD or give it on the first line of standard input");
            }
            return line;
        } catch (IOException e) {
            throw new BillingRuleViolation("cannot read the password from standard input: " + e.getMessage());
        }
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Add a staff member; the TOTP second factor is set up at the first portal login.")
    static class Add extends BookCommands.Sub {
        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;

        @Option(names = "--name", required = true)
        String name;

        @Option(names = "--role", required = true, description = "FINANCE or ADMIN")
        StaffRole role;

        @Override
        public Integer call() {
            String password = password();
            StaffUser user = with(context ->
                    context.getBean(StaffAccounts.class).add(username, name, role, password, Contexts.actor()));
            System.out.println("staff " + user.username() + " added: " + user.displayName() + ", " + user.role()
                    + "; second factor set up at the first login");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The staff accounts.")
    static class ListStaff extends BookCommands.Sub {
        @Override
        public Integer call() {
            for (StaffUser u :
                    with(context -> context.getBean(StaffAccounts.class).list())) {
                System.out.println(u.username() + "  " + u.displayName() + "  " + u.role()
                        + (u.enabled() ? "" : "  DISABLED")
                        + (u.secondFactorReady() ? "  totp since " + u.totpConfirmedAt() : "  totp not set up"));
            }
            return 0;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "No more logins for this account.")
    static class Disable extends BookCommands.Sub {
        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;

        @Override
        public Integer call() {
            run(context -> context.getBean(StaffAccounts.class).setEnabled(username, false, Contexts.actor()));
            System.out.println("staff " + username + " disabled");
            return 0;
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Allow logins again.")
    static class Enable extends BookCommands.Sub {
        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;

        @Override
        public Integer call() {
            run(context -> context.getBean(StaffAccounts.class).setEnabled(username, true, Contexts.actor()));
            System.out.println("staff " + username + " enabled");
            return 0;
        }
    }

    @Command(
            name = "password",
            mixinStandardHelpOptions = true,
            description = "Set a new password ($EZSCALE_STAFF_PASSWORD or standard input).")
    static class Password extends BookCommands.Sub {
        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;

        @Override
        public Integer call() {
            String password = password();
            run(context -> context.getBean(StaffAccounts.class).resetPassword(username, password, Contexts.actor()));
            System.out.println("staff " + username + ": password changed");
            return 0;
        }
    }

    @Command(
            name = "reset-totp",
            mixinStandardHelpOptions = true,
            description = "Forget the second factor (a lost phone): set up again at the next login.")
    static class ResetTotp extends BookCommands.Sub {
        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;

        @Override
        public Integer call() {
            run(context -> context.getBean(StaffAccounts.class).resetSecondFactor(username, Contexts.actor()));
            System.out.println("staff " + username + ": second factor reset, set up again at the next login");
            return 0;
        }
    }
}
