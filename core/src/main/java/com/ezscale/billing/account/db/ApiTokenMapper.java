package com.ezscale.billing.account.db;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** The JSON API's tokens. */
@Mapper
public interface ApiTokenMapper {

    void insert(@Param("t") ApiToken token);

    ApiToken selectByHash(@Param("hash") String hash);

    List<ApiToken> selectByCustomer(@Param("customerId") long customerId);

    List<ApiToken> selectByStaff(@Param("username") String username);

    /** Revokes a live token of this customer (null: a staff token of {@code username}): 1 if it was. */
    int revoke(
            @Param("id") long id,
            @Param("customerId") Long customerId,
            @Param("username") String username,
            @Param("at") Instant at);

    /** Records a use, at most once a minute per token (no write per request). */
    int touch(@Param("id") long id, @Param("at") Instant at);
}
