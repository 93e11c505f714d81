package com.ezscale.billing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.ibatis.annotations.Mapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The floors of {@code core}, as the README's layout section draws them: feature roots (the rules,
 * the domain values and the ports) at the bottom; each feature's {@code db} package (its mapper and
 * rows) beside it; the application services ({@code com.ezscale.billing.app}) on top. Each rule is
 * also run against a class that breaks it, so a rule that matches nothing cannot pass unseen.
 */
class ArchitectureTest {

    private static final String[] FEATURE_ROOT_FORBIDDEN = {
        "..db..", "org.springframework..", "org.apache.ibatis..", "com.ezscale.billing.app.."
    };

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.ezscale.billing");
        assertThat(core.size()).as("classes of core imported").isGreaterThan(200);
    }

    /** Rules, domain values and ports: plain Java, no database, no Spring, no services. */
    static ArchRule featureRootsArePlain() {
        return noClasses()
                .that()
                .resideInAPackage("com.ezscale.billing..")
                .and()
                .resideOutsideOfPackages("..db..", "com.ezscale.billing.app..", "com.ezscale.billing.persistence..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FEATURE_ROOT_FORBIDDEN)
                .because("a rule is a plain function of (state, date); its inputs are domain values");
    }

    /** A feature's statements touch its own tables; another feature's rows come through that feature's values. */
    static ArchRule persistenceSlicesAreIndependent() {
        return slices().matching("com.ezscale.billing.(*).db..")
                .should()
                .notDependOnEachOther()
                .because("each statement lives in the mapper of the feature that owns the table");
    }

    /** The services tree is the top floor: nothing below it reaches up. */
    static ArchRule nothingBelowReachesTheServices() {
        return noClasses()
                .that()
                .resideOutsideOfPackage("com.ezscale.billing.app..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.ezscale.billing.app..")
                .because("rules and persistence never import the application services");
    }

    @Test
    void featureRootsImportNeitherPersistenceNorSpringNorServices() {
        featureRootsArePlain().check(core);
    }

    @Test
    void noFeaturesPersistenceImportsAnothersPersistence() {
        persistenceSlicesAreIndependent().check(core);
    }

    @Test
    void noRuleOrPersistencePackageImportsTheServicesTree() {
        nothingBelowReachesTheServices().check(core);
    }

    @Test
    void eachRuleCatchesAClassThatBreaksIt() {
        JavaClasses offenders = new ClassFileImporter().importPackages("com.ezscale.billing.offender");
        assertThat(violations(featureRootsArePlain(), offenders))
                .anyMatch(v -> v.contains("RuleThatReadsAMapper") && v.contains("InvoiceMapper"))
                .anyMatch(v -> v.contains("RuleThatIsASpringBean") && v.contains("org.springframework"))
                .anyMatch(v -> v.contains("RuleThatCallsAService") && v.contains("Payments"));
        assertThat(violations(nothingBelowReachesTheServices(), offenders))
                .anyMatch(v -> v.contains("RuleThatCallsAService"));
        assertThat(violations(
                        persistenceSlicesAreIndependent(),
                        new ClassFileImporter()
                                .importPackages("com.ezscale.billing.offender", "com.ezscale.billing.invoice.db")))
                .anyMatch(v -> v.contains("MapperThatReadsAnotherFeaturesRows"));
    }

    /**
     * jpetstore's habit, kept by the build: every mapper has a test class of its own
     * ({@code FooMapper} → {@code FooMapperTest}, a {@link com.ezscale.billing.testing.MapperTest})
     * that runs each of its statements against the database.
     */
    @Test
    void everyMapperHasATestThatRunsEachOfItsStatements() {
        JavaClasses all = new ClassFileImporter().importPackages("com.ezscale.billing");
        List<JavaClass> mappers = core.stream()
                .filter(c -> c.isAnnotatedWith(Mapper.class))
                .sorted(Comparator.comparing(JavaClass::getName))
                .toList();
        assertThat(mappers).as("mappers found").hasSizeGreaterThan(10);
        List<String> missing = new ArrayList<>();
        for (JavaClass mapper : mappers) {
            String testName = mapper.getName() + "Test";
            Optional<JavaClass> test = all.contain(testName) ? Optional.of(all.get(testName)) : Optional.empty();
            if (test.isEmpty()) {
                missing.add(mapper.getSimpleName() + ": no " + mapper.getSimpleName() + "Test");
                continue;
            }
            Set<String> called = test.get().getMethodCallsFromSelf().stream()
                    .filter(call -> call.getTargetOwner().getName().equals(mapper.getName()))
                    .map(call -> call.getName())
                    .collect(Collectors.toSet());
            mapper.getMethods().stream()
                    .map(JavaMethod::getName)
                    .filter(name -> !called.contains(name))
                    .sorted()
                    .forEach(name -> missing.add(mapper.getSimpleName() + "." + name + " is not run by its test"));
        }
        assertThat(missing).isEmpty();
    }

    private static List<String> violations(ArchRule rule, JavaClasses classes) {
        EvaluationResult result = rule.evaluate(classes);
        return result.getFailureReport().getDetails();
    }
}
