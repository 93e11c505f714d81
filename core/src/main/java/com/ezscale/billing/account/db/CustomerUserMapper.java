package com.ezscale.billing.account.db;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** Customers' portal logins, their password links and their login history. */
@Mapper
public interface CustomerUserMapper {

    /** 0 when the e-mail already has a login (unique key). */
    int insert(@Param("u") CustomerUser user);

    CustomerUser selectByEmail(@Param("email") String email);

    CustomerUser selectById(@Param("id") long id);

    List<CustomerUser> selectByCustomer(@Param("customerId") long customerId);

    int updatePassword(@Param("id") long id, @Param("hash") String hash);

    int updateEnabled(@Param("id") long id, @Param("enabled") boolean enabled);

    CustomerSecondFactor selectSecondFactor(@Param("userId") long userId);

    int updateTotpSecret(@Param("userId") long userId, @Param("secret") String secret);

    int confirmTotp(@Param("userId") long userId, @Param("at") Instant at, @Param("step") long step);

    /** 1 when {@code step} is later than the last one accepted; 0 for a replayed code. */
    int acceptTotpStep(@Param("userId") long userId, @Param("step") long step);

    int deleteRecoveryCodes(@Param("userId") long userId);

    int insertRecoveryCode(@Param("userId") long userId, @Param("hash") String hash);

    int useRecoveryCode(@Param("userId") long userId, @Param("hash") String hash, @Param("at") Instant at);

    int countUnusedRecoveryCodes(@Param("userId") long userId);

    void insertToken(
            @Param("hash") String hash,
            @Param("userId") long userId,
            @Param("at") Instant at,
            @Param("expiresAt") Instant expiresAt);

    /** The login a live (unused, unexpired) link belongs to, or null. */
    Long selectTokenUser(@Param("hash") String hash, @Param("at") Instant at);

    /** Uses a live link: 1 if it was live (a link counts once). */
    int useToken(@Param("hash") String hash, @Param("at") Instant at);

    /** Ends every live link of a login (a newer one was sent, or the password was set). */
    int expireTokens(@Param("userId") long userId, @Param("at") Instant at);

    void insertLogin(
            @Param("email") String email,
            @Param("address") String address,
            @Param("at") Instant at,
            @Param("outcome") String outcome);

    /** The newest login steps first, of the logins of one customer. */
    List<CustomerLogin> selectLogins(@Param("customerId") long customerId, @Param("limit") int limit);
}
