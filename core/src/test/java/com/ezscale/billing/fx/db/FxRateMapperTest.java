package com.ezscale.billing.fx.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.fx.FxRate;
import com.ezscale.billing.testing.MapperTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class FxRateMapperTest extends MapperTest {

    static final Instant AT = Instant.parse("2026-11-30T16:00:00Z");
    static final LocalDate NOV_27 = LocalDate.parse("2026-11-27");
    static final LocalDate NOV_30 = LocalDate.parse("2026-11-30");

    @Autowired
    FxRateMapper rates;

    @Test
    void oneRatePerPairAndDayReadByCurrencyAndDays() {
        rates.insertRate(new FxRate("EUR", "USD", NOV_27, new BigDecimal("1.0500"), "ECB"), AT);
        rates.insertRate(new FxRate("EUR", "USD", NOV_30, new BigDecimal("1.0523"), "ECB"), AT);
        rates.insertRate(new FxRate("GBP", "JPY", NOV_30, new BigDecimal("190.12"), ""), AT);
        assertThatThrownBy(() -> rates.insertRate(new FxRate("EUR", "USD", NOV_30, BigDecimal.ONE, "x"), AT))
                .as("the primary key: one rate per pair and day")
                .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);

        assertThat(rates.selectRate("EUR", "USD", NOV_30).rate()).isEqualByComparingTo("1.0523");
        assertThat(rates.selectRate("USD", "EUR", NOV_30)).isNull();
        assertThat(rates.selectRates("USD", NOV_27, NOV_30))
                .extracting(FxRate::day)
                .containsExactly(NOV_27, NOV_30);
        assertThat(rates.selectRates(null, NOV_30, NOV_30)).hasSize(2);
        assertThat(rates.selectRates("JPY", NOV_27, NOV_27)).isEmpty();

        assertThat(rates.updateRate(new FxRate("EUR", "USD", NOV_30, new BigDecimal("1.06"), "bank"), AT))
                .isEqualTo(1);
        assertThat(rates.selectRate("EUR", "USD", NOV_30))
                .isEqualTo(new FxRate("EUR", "USD", NOV_30, new BigDecimal("1.0600000000"), "bank"));
    }

    @Test
    void theDatabaseRefusesARateOfZeroOrAPairOfOneCurrency() {
        assertThatThrownBy(() -> rates.insertRate(new FxRate("EUR", "USD", NOV_30, BigDecimal.ZERO, ""), AT))
                .hasMessageContaining("ck_fx_rate_positive");
        assertThatThrownBy(() -> rates.insertRate(new FxRate("EUR", "EUR", NOV_30, BigDecimal.ONE, ""), AT))
                .hasMessageContaining("ck_fx_rate_pair");
    }
}
