package com.ezscale.billing.usage.db;

import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
public interface RatingMapper {

    /** The next page (keyset on the service id) of billable services whose plan has usage terms. */
    List<RatableService> selectRatablePage(@Param("afterId") long afterId, @Param("limit") int limit);

    List<UsagePriceRow> selectUsagePrices();

    void insertTerms(@Param("t") PlanUsageTermsRow terms);

    void insertUsagePrice(@Param("p") UsagePriceRow price);

    List<LatestRating> selectLatestRatings(@Param("subscriptionIds") List<Long> subscriptionIds);

    void insertRating(@Param("r") RatedUsageRow rating);

    List<RatedUsageRow> selectRatings(@Param("subscriptionId") long subscriptionId);

    /** Records the event unless that (service, period, measure, level) is recorded already. */
    void insertThresholdEvent(@Param("e") ThresholdEventRow event);

    List<ThresholdEventRow> selectThresholdEvents(@Param("subscriptionId") long subscriptionId);

    /** These customers' latest ratings that no invoice line bills yet. */
    List<UnbilledUsageRow> selectUnbilled(@Param("customerIds") List<Long> customerIds);
}
