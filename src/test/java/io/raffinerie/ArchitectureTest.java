package io.raffinerie;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the layers one-directional (api → model → operator) and the packages free of cycles. */
@AnalyzeClasses(packages = "io.raffinerie", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule apiDependsOnNothingOfOurs = noClasses().that().resideInAPackage("io.raffinerie.api..")
            .should().dependOnClassesThat().resideInAnyPackage("io.raffinerie.model..", "io.raffinerie.operator..");

    @ArchTest
    static final ArchRule modelDoesNotUseTheOperator = noClasses().that().resideInAPackage("io.raffinerie.model..")
            .should().dependOnClassesThat().resideInAPackage("io.raffinerie.operator..");

    @ArchTest
    static final ArchRule modelDoesNoIo = noClasses().that().resideInAPackage("io.raffinerie.model..")
            .should().dependOnClassesThat().resideInAnyPackage("io.fabric8.kubernetes.client..", "io.javaoperatorsdk..",
                    "java.net..", "java.nio.file..", "jakarta..");

    /** Every package is a slice: two packages never depend on each other, directly or through others. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.raffinerie.(**)").should().beFreeOfCycles();
}
