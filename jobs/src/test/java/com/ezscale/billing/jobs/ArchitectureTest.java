package com.ezscale.billing.jobs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The batch application's walls: it never imports the portal (both call the services in
 * {@code com.ezscale.billing.app}), and it reaches Stripe only through the gateway port. A rule
 * whose subject is empty fails (ArchUnit's default), so these cannot pass on an empty import.
 */
class ArchitectureTest {

    private static final JavaClasses JOBS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.ezscale.billing.jobs");

    @Test
    void theBatchApplicationDoesNotImportThePortal() {
        noClasses()
                .that()
                .resideInAPackage("com.ezscale.billing.jobs..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.ezscale.billing.portal..")
                .because("what both applications need lives in the services layer")
                .check(JOBS);
    }

    @Test
    void theBatchApplicationReachesTheGatewaysOnlyThroughThePort() {
        noClasses()
                .that()
                .resideInAPackage("com.ezscale.billing.jobs..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.stripe..", "com.paypal..")
                .because("charges go through PaymentGateway, whose Stripe and PayPal adapters sit beside the services")
                .check(JOBS);
    }
}
