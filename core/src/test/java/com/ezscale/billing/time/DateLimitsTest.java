package com.ezscale.billing.time;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateLimitsTest {

    static final LocalDate TODAY = LocalDate.parse("2026-11-30");
    private final DateLimits limits = new DateLimits(LocalDate.parse("2024-03-01"), 400);

    @ParameterizedTest(name = "as of {0} (forced: {1})")
    @CsvSource({"2026-11-30, false", "2024-03-01, false", "2028-01-04, false", "2062-11-30, true"})
    void businessDatesFromTheBookToTheHorizonOrForced(LocalDate date, boolean force) {
        assertThatCode(() -> limits.checkAsOf("--as-of", date, TODAY, force)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "as of {0} (forced: {1})")
    @CsvSource(
            delimiter = '|',
            value = {
                "2028-01-05        | false | --as-of 2028-01-05 is 401 days after today (2026-11-30), beyond the 400 days allowed",
                "2062-11-30        | false | --as-of 2062-11-30 is 13149 days after today (2026-11-30)",
                "2024-02-29        | false | --as-of 2024-02-29 is before the book's first day (2024-03-01)",
                "2024-02-29        | true  | --as-of 2024-02-29 is before the book's first day (2024-03-01)",
                "-999999999-01-01  | false | --as-of -999999999-01-01 is before the book's first day (2024-03-01)",
            })
    void othersAreRefusedWithTheReason(LocalDate date, boolean force, String reason) {
        assertThatThrownBy(() -> limits.checkAsOf("--as-of", date, TODAY, force))
                .hasMessageStartingWith(reason);
    }

    @ParameterizedTest(name = "happened on {0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "2026-11-30 | ",
                "2024-03-01 | ",
                "2026-12-01 | --date 2026-12-01 is in the future (today is 2026-11-30)",
                "2999-01-01 | --date 2999-01-01 is in the future (today is 2026-11-30)",
                "2020-01-01 | --date 2020-01-01 is before the book's first day (2024-03-01)",
            })
    void whatHappenedHappenedByToday(LocalDate date, String reason) {
        if (reason == null) {
            assertThatCode(() -> limits.checkHappened("--date", date, TODAY)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> limits.checkHappened("--date", date, TODAY))
                    .hasMessage(reason);
        }
    }

    @ParameterizedTest(name = "an empty book starts at {0}")
    @CsvSource({"1999-12-31"})
    void anEmptyBookStartsAtTheFloor(LocalDate date) {
        assertThatThrownBy(() -> new DateLimits(null, 400).checkAsOf("--as-of", date, TODAY, true))
                .hasMessage("--as-of 1999-12-31 is before the book's first day (2000-01-01)");
    }
}
