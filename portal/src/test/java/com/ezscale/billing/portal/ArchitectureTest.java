package com.ezscale.billing.portal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The portal's walls: it never imports the batch application (both call the services in
 * {@code com.ezscale.billing.app}), and only the webhook endpoint touches the Stripe SDK (to check
 * a signature). A rule whose subject is empty fails (ArchUnit's default).
 */
class ArchitectureTest {

    private static final JavaClasses PORTAL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.ezscale.billing.portal");

    @Test
    void thePortalDoesNotImportTheBatchApplication() {
        noClasses()
                .that()
                .resideInAPackage("com.ezscale.billing.portal..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.ezscale.billing.jobs..", "com.ezscale.billing.ingest..")
                .because("what both applications need lives in the services layer")
                .check(PORTAL);
    }

    @Test
    void onlyTheWebhookEndpointTouchesTheStripeSdk() {
        noClasses()
                .that()
                .resideInAPackage("com.ezscale.billing.portal..")
                .and()
                .resideOutsideOfPackage("com.ezscale.billing.portal.webhook..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.stripe..")
                .because("charges and refunds go through PaymentGateway")
                .check(PORTAL);
    }
}
