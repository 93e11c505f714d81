package com.ezscale.billing.catalog.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.catalog.Plan;
import com.ezscale.billing.catalog.PlanPrice;
import com.ezscale.billing.catalog.Product;
import com.ezscale.billing.catalog.ProductKind;
import com.ezscale.billing.period.BillingCycle;
import com.ezscale.billing.persistence.GeneratedKey;
import com.ezscale.billing.testing.MapperTest;
import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CatalogMapperTest extends MapperTest {

    @Autowired
    CatalogMapper catalog;

    @Test
    void theCatalogReadsBackAsWritten() {
        catalog.insertProduct(new Product(3, "game", "Game server", ProductKind.GAME_SERVER, 1));
        catalog.insertPlan(new Plan(4, 3, "mc-4g", "Minecraft 4 GB"));
        catalog.insertPrice(new PlanPrice(
                4,
                Currency.getInstance("GBP"),
                BillingCycle.QUARTERLY,
                new BigDecimal("24.00"),
                new BigDecimal("3.50")));

        assertThat(catalog.selectProducts())
                .extracting(p -> p.id() + " " + p.code() + " " + p.kind())
                .containsExactly("1 vps VPS", "2 dedi DEDICATED", "3 game GAME_SERVER");
        assertThat(catalog.selectPlans())
                .extracting(p -> p.code() + " product " + p.productId() + " trial " + p.trialDays())
                .containsExactly(
                        "vps-s product 1 trial 0",
                        "vps-m product 1 trial 7",
                        "dedi-95 product 2 trial 0",
                        "mc-4g product 3 trial 0");
        assertThat(catalog.selectPrices())
                .filteredOn(p -> p.planId() == 4)
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.currency()).isEqualTo(Currency.getInstance("GBP"));
                    assertThat(p.cycle()).isEqualTo(BillingCycle.QUARTERLY);
                    assertThat(p.recurringPrice()).isEqualByComparingTo("24.00");
                    assertThat(p.setupFee()).isEqualByComparingTo("3.50");
                });
        assertThat(catalog.selectPlanIdByCode("mc-4g")).isEqualTo(4L);
        assertThat(catalog.selectPlanIdByCode("no-such-plan")).isNull();
        assertThat(catalog.selectProductOfPlan(3)).isEqualTo(2);
    }

    @Test
    void aPriceInANewCurrencyOpensThatCurrencysPriceList() {
        assertThat(catalog.priceListExists("GBP")).isFalse();
        assertThat(catalog.selectPriceLists())
                .extracting(l -> l.currency().getCurrencyCode())
                .containsExactly("EUR", "USD");
        catalog.insertPrice(new PlanPrice(
                1, Currency.getInstance("GBP"), BillingCycle.MONTHLY, new BigDecimal("8.00"), BigDecimal.ZERO));
        assertThat(catalog.priceListExists("GBP")).isTrue();
        assertThat(catalog.selectPriceLists())
                .filteredOn(l -> l.currency().getCurrencyCode().equals("GBP"))
                .singleElement()
                .satisfies(l -> assertThat(l.taxInclusive()).isFalse());
    }

    @Test
    void anAdminsProductAndPlanGetTheirIdsFromTheDatabaseAndAPriceSetAgainIsReplaced() {
        GeneratedKey product = new GeneratedKey();
        catalog.insertNewProduct(new NewProduct("web", "Web hosting", ProductKind.WEB_HOSTING, 1, 1), product);
        assertThat(catalog.selectProductIdByCode("web")).isEqualTo(product.value());
        assertThat(catalog.selectProductIdByCode("nope")).isNull();
        GeneratedKey plan = new GeneratedKey();
        catalog.insertNewPlan(product.value(), "web-s", "Web S", 14, plan);
        assertThat(catalog.selectPlanIdByCode("web-s")).isEqualTo(plan.value());
        assertThat(catalog.selectPlans())
                .filteredOn(p -> p.code().equals("web-s"))
                .singleElement()
                .satisfies(p -> assertThat(p.prorataDay() + " " + p.trialDays()).isEqualTo("1 14"));

        catalog.upsertPrice(new PlanPrice(
                plan.value(),
                Currency.getInstance("USD"),
                BillingCycle.ANNUALLY,
                new BigDecimal("60.000000"),
                BigDecimal.ZERO));
        catalog.upsertPrice(new PlanPrice(
                plan.value(),
                Currency.getInstance("USD"),
                BillingCycle.ANNUALLY,
                new BigDecimal("55.500000"),
                new BigDecimal("2.000000")));
        assertThat(catalog.selectPrices())
                .filteredOn(p -> p.planId() == plan.value())
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.recurringPrice()).isEqualByComparingTo("55.50");
                    assertThat(p.setupFee()).isEqualByComparingTo("2.00");
                });
    }
}
