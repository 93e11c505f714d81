package com.ezscale.billing.usage.db;

import com.ezscale.billing.usage.RatableService;
import com.ezscale.billing.usage.UnbilledRating;
import com.ezscale.billing.usage.UsagePrice;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
public interface RatingMapper {

    /** The next page (keyset on the service id) of billable services whose plan has usage terms. */
    default List<RatableService> selectRatablePage(long afterId, int limit) {
        return selectRatablePage(afterId, null, limit);
    }

    /** Services with usage terms after {@code afterId}, up to {@code lastId} (null: no end), in id order. */
    List<RatableService> selectRatablePage(
            @Param("afterId") long afterId, @Param("lastId") Long lastId, @Param("limit") int limit);

    List<UsagePrice> selectUsagePrices();

    void insertTerms(@Param("t") PlanUsageTermsRow terms);

    void insertUsagePrice(@Param("p") UsagePrice price);

    List<LatestRating> selectLatestRatings(@Param("subscriptionIds") List<Long> subscriptionIds);

    void insertRating(RatedUsageRow rating);

    List<RatedUsageRow> selectRatings(@Param("subscriptionId") long subscriptionId);

    /** Records the event unless that (service, period, measure, level) is recorded already. */
    void insertThresholdEvent(ThresholdEventRow event);

    List<ThresholdEventRow> selectThresholdEvents(@Param("subscriptionId") long subscriptionId);

    /** The threshold events already recorded for any of {@code subscriptionIds} (a rating page's services). */
    List<ThresholdEventRow> selectThresholdEventsOf(@Param("subscriptionIds") List<Long> subscriptionIds);

    /** These customers' latest ratings that no invoice line bills yet. */
    List<UnbilledRating> selectUnbilled(@Param("customerIds") List<Long> customerIds);

    /** A plan's usage terms, new or replaced. */
    void upsertTerms(@Param("t") PlanUsageTermsRow terms);

    /** A usage price tier, new or replaced. */
    void upsertUsagePrice(@Param("p") UsagePrice price);

    PlanUsageTermsRow selectTerms(@Param("planId") long planId);
}
