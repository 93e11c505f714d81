package com.ezscale.billing.credit.db;

import java.math.BigDecimal;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** The append-only credit ledger: balances, entries keyed by their source, referral rewards. */
@Mapper
public interface CreditLedgerMapper {

    BigDecimal selectCreditBalance(@Param("customerId") long customerId, @Param("currency") String currency);

    /**
     * The referrers billed in {@code currency} whose referred customer's first invoice is paid and who have no reward
     * for that customer yet. The caller inserts each reward as its own row ({@link #insertLedgerEntry}): an
     * {@code INSERT … SELECT} of several rows into this table, which has a {@code BEFORE UPDATE} trigger, fails on
     * MariaDB 11.4.5 (README, "MariaDB 11.4.5 and INSERT … SELECT").
     */
    List<ReferralRewardDue> selectReferralRewardsDue(@Param("currency") String currency);

    long countLedger(
            @Param("sourceType") String sourceType, @Param("sourceId") long sourceId, @Param("reason") String reason);

    void insertLedgerEntry(LedgerEntryRow entry);

    List<CreditBalance> selectCreditBalances(@Param("customerIds") List<Long> customerIds);
}
