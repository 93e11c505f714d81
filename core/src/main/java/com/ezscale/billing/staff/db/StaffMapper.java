package com.ezscale.billing.staff.db;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** Staff accounts, their recovery codes and their login history. */
@Mapper
public interface StaffMapper {

    void insert(@Param("u") StaffUser user);

    StaffUser selectByUsername(@Param("username") String username);

    List<StaffUser> selectAll();

    int updateEnabled(@Param("username") String username, @Param("enabled") boolean enabled);

    int updatePassword(@Param("username") String username, @Param("hash") String hash);

    /** A new, unconfirmed secret (set-up begun, or reset by an admin): the old one stops counting. */
    int updateTotpSecret(@Param("username") String username, @Param("secret") String secret);

    int confirmTotp(@Param("username") String username, @Param("at") Instant at, @Param("step") long step);

    /** Accepts a code of {@code step} only if no code of that step or a later one was accepted: 1 if accepted. */
    int acceptTotpStep(@Param("username") String username, @Param("step") long step);

    void deleteRecoveryCodes(@Param("userId") long userId);

    void insertRecoveryCode(@Param("userId") long userId, @Param("hash") String hash);

    /** Marks an unused code used: 1 if it was there and unused. */
    int useRecoveryCode(@Param("userId") long userId, @Param("hash") String hash, @Param("at") Instant at);

    int countUnusedRecoveryCodes(@Param("userId") long userId);

    void insertLogin(
            @Param("username") String username,
            @Param("address") String address,
            @Param("at") Instant at,
            @Param("outcome") String outcome);

    /** The newest login steps first, of one user (null: all), before {@code before} (keyset). */
    List<StaffLogin> selectLogins(
            @Param("username") String username, @Param("before") Long before, @Param("limit") int limit);
}
