package com.ezscale.billing.tax.db;

import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** Tax rules by country, region and validity (the tax feature owns the table). */
@Mapper
public interface TaxRuleMapper {

    List<TaxRuleRow> selectTaxRules();

    void insertTaxRule(@Param("r") TaxRuleRow rule);

    /** Ends the open rule of (country, region) that began on {@code validFrom}; 1 if there was one. */
    int endTaxRule(
            @Param("country") String country,
            @Param("region") String region,
            @Param("validFrom") LocalDate validFrom,
            @Param("until") LocalDate until);
}
