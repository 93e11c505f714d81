package com.ezscale.billing.account.db;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** Customers' webhook endpoints and their deliveries (outbox rows of channel WEBHOOK). */
@Mapper
public interface WebhookMapper {

    void insertEndpoint(@Param("e") WebhookEndpoint endpoint);

    List<WebhookEndpoint> selectEndpoints(@Param("customerId") long customerId);

    WebhookEndpoint selectEndpoint(@Param("id") long id);

    /** Turns an endpoint of this customer off or on: 1 if it is the customer's. */
    int updateEnabled(@Param("customerId") long customerId, @Param("id") long id, @Param("enabled") boolean enabled);

    /** The customer's deliveries, newest first (keyset on id). */
    List<WebhookDelivery> selectDeliveries(
            @Param("customerId") long customerId, @Param("before") Long before, @Param("limit") int limit);

    /** Sends a delivery of this customer again from now (a replay): 1 if it was the customer's and not pending. */
    int replay(@Param("customerId") long customerId, @Param("id") long id, @Param("at") Instant at);
}
