package com.ezscale.billing.credit.db;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** The append-only credit ledger: balances, entries keyed by their source, referral rewards. */
@Mapper
public interface CreditLedgerMapper {

    BigDecimal selectCreditBalance(@Param("customerId") long customerId, @Param("currency") String currency);

    /** Credits each referrer billed in {@code currency} whose referred customer's first invoice is paid, once per referred customer. */
    int grantReferralRewards(
            @Param("currency") String currency,
            @Param("amount") BigDecimal amount,
            @Param("actor") String actor,
            @Param("at") Instant at);

    long countLedger(
            @Param("sourceType") String sourceType, @Param("sourceId") long sourceId, @Param("reason") String reason);

    void insertLedgerEntry(LedgerEntryRow entry);

    List<CreditBalance> selectCreditBalances(@Param("customerIds") List<Long> customerIds);
}
