package com.ezscale.billing.catalog.db;

import com.ezscale.billing.catalog.Plan;
import com.ezscale.billing.catalog.PlanPrice;
import com.ezscale.billing.catalog.Product;
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
}
