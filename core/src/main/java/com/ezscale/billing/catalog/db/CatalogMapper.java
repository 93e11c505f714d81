package com.ezscale.billing.catalog.db;

import com.ezscale.billing.catalog.Plan;
import com.ezscale.billing.catalog.PlanPrice;
import com.ezscale.billing.catalog.Product;
import com.ezscale.billing.persistence.GeneratedKey;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
public interface CatalogMapper {

    List<Product> selectProducts();

    List<Plan> selectPlans();

    List<PlanPrice> selectPrices();

    void insertProduct(@Param("p") Product product);

    void insertPlan(@Param("p") Plan plan);

    void insertPrice(@Param("p") PlanPrice price);

    Long selectPlanIdByCode(@Param("code") String code);

    long selectProductOfPlan(@Param("planId") long planId);

    boolean priceListExists(@Param("currency") String currency);

    List<PriceListRow> selectPriceLists();

    void insertNewProduct(@Param("p") NewProduct product, @Param("key") GeneratedKey key);

    void insertNewPlan(
            @Param("productId") long productId,
            @Param("code") String code,
            @Param("name") String name,
            @Param("trialDays") int trialDays,
            @Param("key") GeneratedKey key);

    /** A plan's price in a currency and cycle, new or changed (the next periods billed take it). */
    void upsertPrice(@Param("p") PlanPrice price);

    Long selectProductIdByCode(@Param("code") String code);
}
