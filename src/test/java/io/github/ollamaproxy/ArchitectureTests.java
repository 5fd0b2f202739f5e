package io.github.ollamaproxy;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Layering rules the build enforces. */
@AnalyzeClasses(packages = "io.github.ollamaproxy", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule proxyNeverUsesTheSimulator = noClasses()
            .that().resideOutsideOfPackage("..simulator..")
            .should().dependOnClassesThat().resideInAPackage("..simulator..")
            .because("the simulator is test and demo infrastructure, started only by the demo profile or tests");

    @ArchTest
    static final ArchRule agentApiStaysFreeOfCamelAndSpring = noClasses()
            .that().resideInAPackage("io.github.ollamaproxy.agent")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "org.springframework..",
                    "jakarta.servlet..")
            .because("plugin authors compile against the agent API alone");

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices()
            .matching("io.github.ollamaproxy.(*)..")
            .should().beFreeOfCycles()
            .because("each package builds on the ones below it; a cycle means a package imports upward");

    @ArchTest
    static final ArchRule sharedExchangeNamesDependOnNothingOfTheProxy = noClasses()
            .that().resideInAPackage("io.github.ollamaproxy.exchange")
            .should().dependOnClassesThat(resideInAPackage("io.github.ollamaproxy..")
                    .and(resideOutsideOfPackage("io.github.ollamaproxy.exchange")))
            .because("every package may use the variable names, so they may use none of the proxy's packages");
}
