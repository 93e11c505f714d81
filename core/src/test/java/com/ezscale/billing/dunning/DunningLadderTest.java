package com.ezscale.billing.dunning;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.money.Money;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An invoice due 2026-12-01; "done" are the steps already taken; flags: true = exempt group, fee = the
 * invoice is itself a late fee; expected: the keys due now (a late fee with its amount).
 */
class DunningLadderTest {

    private static final DunningLadder LADDER = new DunningLadder(DunningSchedule.defaults());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            tooEarlyForAReminder           | 2026-11-20 | USD | 100.00 | -                                                | false | -
            reminderSevenDaysBefore        | 2026-11-24 | USD | 100.00 | -                                                | false | REMINDER
            reminderOnlyOnce               | 2026-11-26 | USD | 100.00 | REMINDER                                         | false | -
            firstAttemptOnTheDueDate       | 2026-12-01 | USD | 100.00 | REMINDER                                         | false | ATTEMPT:1
            secondAttemptAndFirstNotice    | 2026-12-02 | USD | 100.00 | ATTEMPT:1                                        | false | ATTEMPT:2 NOTICE:1
            thirdAttemptOnDayThree         | 2026-12-04 | USD | 100.00 | ATTEMPT:1 ATTEMPT:2 NOTICE:1                     | false | ATTEMPT:3 SUSPENSION_WARNING
            lateFeeAndSuspensionOnDayFive  | 2026-12-06 | USD | 100.00 | ATTEMPT:1 ATTEMPT:2 ATTEMPT:3 NOTICE:1           | false | LATE_FEE=10.00 SUSPEND
            partialPaymentKeepsTheAnchor   | 2026-12-06 | USD | 30.00  | ATTEMPT:1 ATTEMPT:2 ATTEMPT:3 NOTICE:1           | false | LATE_FEE=5.00 SUSPEND
            dayFourAfterAPartialPayment    | 2026-12-05 | USD | 30.00  | ATTEMPT:1 ATTEMPT:2 ATTEMPT:3 NOTICE:1 SUSPENSION_WARNING | false | -
            warningCaughtUpOnDayFour       | 2026-12-05 | USD | 30.00  | ATTEMPT:1 ATTEMPT:2 ATTEMPT:3 NOTICE:1           | false | SUSPENSION_WARNING
            noWarningOnceSuspensionIsDue   | 2026-12-06 | USD | 30.00  | ATTEMPT:3 NOTICE:1                               | false | LATE_FEE=5.00 SUSPEND
            lateFeeInvoiceGetsNoFee        | 2026-12-06 | USD | 5.00   | ATTEMPT:3 NOTICE:1                               | fee   | SUSPEND
            lastAttemptAndSecondNotice     | 2026-12-08 | USD | 100.00 | ATTEMPT:1 ATTEMPT:2 ATTEMPT:3 NOTICE:1 LATE_FEE SUSPEND | false | ATTEMPT:4 NOTICE:7
            missedDaysCatchUpOnceEach      | 2026-12-16 | USD | 100.00 | -                                                | false | ATTEMPT:4 NOTICE:14 LATE_FEE=10.00 SUSPEND
            terminationOnDayThirty         | 2026-12-31 | USD | 100.00 | ATTEMPT:4 NOTICE:14 LATE_FEE SUSPEND             | false | TERMINATE
            rerunOfADayAddsNothing         | 2026-12-31 | USD | 100.00 | ATTEMPT:4 NOTICE:14 LATE_FEE TERMINATE           | false | -
            paidInFullStopsEverything      | 2026-12-11 | USD | 0.00   | ATTEMPT:1                                        | false | -
            exemptGroupGetsNoFeeNorSuspension | 2026-12-11 | USD | 100.00 | -                                             | true  | ATTEMPT:4 NOTICE:7
            exemptGroupGetsNoWarning       | 2026-12-04 | USD | 100.00 | ATTEMPT:2 NOTICE:1                               | true  | ATTEMPT:3
            bigInvoiceTenPercent           | 2026-12-06 | USD | 250.00 | ATTEMPT:3 NOTICE:1                               | false | LATE_FEE=25.00 SUSPEND
            yenMinimum                     | 2026-12-06 | JPY | 3000   | ATTEMPT:3 NOTICE:1                               | false | LATE_FEE=500 SUSPEND
            """)
    void ladder(
            String name, String asOf, String currency, String outstanding, String done, String flags, String expected) {
        InvoiceDunningState invoice = new InvoiceDunningState(
                1,
                LocalDate.parse("2026-12-01"),
                Money.of(outstanding, currency),
                Money.of(outstanding, currency),
                flags.equals("true"),
                flags.equals("fee"),
                done.equals("-") ? Set.of() : Set.of(done.trim().split("\\s+")));
        List<String> actions = LADDER.actions(invoice, LocalDate.parse(asOf)).stream()
                .map(a -> a.key()
                        + (a.amount() == null ? "" : "=" + a.amount().amount().toPlainString()))
                .toList();
        assertThat(actions).containsExactlyElementsOf(expected.equals("-") ? List.of() : List.of(expected.split(" ")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            oneStillOverdue          | 0.00 30.00 | 2026-12-20 | false
            allPaidUnsuspends        | 0.00 0.00  | 2026-12-20 | true
            notYetDueDoesNotCount    | 0.00 -     | 2026-12-20 | true
            """)
    void unsuspension(String name, String outstandings, String asOf, boolean expected) {
        String[] o = outstandings.split(" ");
        List<InvoiceDunningState> invoices = new ArrayList<>(List.of(new InvoiceDunningState(
                1,
                LocalDate.parse("2026-12-01"),
                Money.of("100.00", "USD"),
                Money.of(o[0], "USD"),
                false,
                false,
                Set.of())));
        if (!o[1].equals("-")) {
            invoices.add(new InvoiceDunningState(
                    2,
                    LocalDate.parse("2026-12-10"),
                    Money.of("100.00", "USD"),
                    Money.of(o[1], "USD"),
                    false,
                    false,
                    Set.of()));
        } else {
            invoices.add(new InvoiceDunningState(
                    3,
                    LocalDate.parse("2027-01-01"),
                    Money.of("100.00", "USD"),
                    Money.of("100.00", "USD"),
                    false,
                    false,
                    Set.of()));
        }
        assertThat(DunningLadder.shouldUnsuspend(invoices, LocalDate.parse(asOf)))
                .isEqualTo(expected);
    }
}
