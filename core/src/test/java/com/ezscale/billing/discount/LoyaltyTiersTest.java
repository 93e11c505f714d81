package com.ezscale.billing.discount;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoyaltyTiersTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            newCustomer               | 2026-06-01 | 2026-12-01 | 0
            aDayShortOfAYear          | 2025-12-02 | 2026-12-01 | 0
            exactlyAYear              | 2025-12-01 | 2026-12-01 | 5
            twoYears                  | 2024-11-15 | 2026-12-01 | 10
            threeYears                | 2023-12-01 | 2026-12-01 | 15
            fiftyNineMonths           | 2022-01-01 | 2026-12-01 | 15
            fiveYears                 | 2021-12-01 | 2026-12-01 | 20
            tenYearsStaysAtTheTop     | 2016-01-01 | 2026-12-01 | 20
            noActiveService           | null       | 2026-12-01 | 0
            """)
    void percentByTenure(String name, String since, String on, BigDecimal percent) {
        assertThat(LoyaltyTiers.defaults()
                        .percentFor(since == null ? null : LocalDate.parse(since), LocalDate.parse(on)))
                .isEqualByComparingTo(percent);
    }
}
