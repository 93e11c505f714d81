package com.ezscale.billing.fx.db;

import com.ezscale.billing.fx.FxRate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** The {@code fx_rate} table. */
@Mapper
public interface FxRateMapper {

    /** The stored rate of a pair and day, or null. */
    FxRate selectRate(@Param("base") String base, @Param("quote") String quote, @Param("day") LocalDate day);

    /** Rates between {@code from} and {@code to} (both included), of pairs with {@code currency} on either side (all when null). */
    List<FxRate> selectRates(
            @Param("currency") String currency, @Param("from") LocalDate from, @Param("to") LocalDate to);

    void insertRate(@Param("r") FxRate rate, @Param("at") Instant at);

    int updateRate(@Param("r") FxRate rate, @Param("at") Instant at);
}
