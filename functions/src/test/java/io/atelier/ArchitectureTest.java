package io.atelier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Which package may use which, checked on the main classes. Entry points (Lambda handlers and the HTTP layer) call the
 * core; the core works through ports (store, providers); adapters implement the ports and are wired by config alone.
 */
@AnalyzeClasses(packages = "io.atelier", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String[] ENTRYPOINTS = {"io.atelier.entrypoints..", "io.atelier.http.."};
    private static final String[] ADAPTERS = {
        "io.atelier.store.dynamodb..",
        "io.atelier.store.s3..",
        "io.atelier.store.sqs..",
        "io.atelier.providers.ark..",
        "io.atelier.providers.comfyui..",
        "io.atelier.providers.dashscope..",
        "io.atelier.providers.gemini..",
        "io.atelier.providers.local..",
        "io.atelier.providers.openai..",
        "io.atelier.providers.stability.."
    };
    /** What the core works through: the stores' and providers' interfaces, their records, and the providers' HTTP kit. */
    private static final String[] PORTS = {
        "io.atelier.store", "io.atelier.providers", "io.atelier.providers.spec..", "io.atelier.providers.http.."
    };
    /** Plain libraries below the core: the model, images, presets, prices, JSON, logging, metrics and traces. */
    private static final String[] LIBRARIES = {
        "io.atelier.model..",
        "io.atelier.json..",
        "io.atelier.logging..",
        "io.atelier.imaging..",
        "io.atelier.cutout..",
        "io.atelier.studio..",
        "io.atelier.presets..",
        "io.atelier.pricing..",
        "io.atelier.plans..",
        "io.atelier.metrics..",
        "io.atelier.tracing..",
        "io.atelier.outbound.."
    };
    /** The core: the services, and webhooks' (which work through the store's ports like the rest). */
    private static final String[] CORE = {"io.atelier.core..", "io.atelier.webhooks.."};

    @ArchTest
    static final ArchRule entrypointsCallTheCoreWhichCallsPorts = layeredArchitecture()
            .consideringOnlyDependenciesInAnyPackage("io.atelier..")
            .layer("Entrypoints")
            .definedBy(ENTRYPOINTS)
            .layer("Configuration")
            .definedBy("io.atelier.config..")
            .layer("Core")
            .definedBy(CORE)
            .layer("Ports")
            .definedBy(PORTS)
            .layer("Adapters")
            .definedBy(ADAPTERS)
            .layer("Libraries")
            .definedBy(LIBRARIES)
            .whereLayer("Entrypoints")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Configuration")
            .mayOnlyBeAccessedByLayers("Entrypoints")
            .whereLayer("Core")
            .mayOnlyBeAccessedByLayers("Entrypoints", "Configuration")
            .whereLayer("Ports")
            .mayOnlyBeAccessedByLayers("Entrypoints", "Configuration", "Core", "Adapters")
            .whereLayer("Adapters")
            .mayOnlyBeAccessedByLayers("Configuration")
            .whereLayer("Libraries")
            .mayOnlyAccessLayers("Libraries")
            .ensureAllClassesAreContainedInArchitecture();

    @ArchTest
    static final ArchRule theCoreKnowsNeitherHttpNorConfiguration = noClasses()
            .that()
            .resideInAnyPackage(CORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.atelier.http..", "io.atelier.entrypoints..", "io.atelier.config..");

    @ArchTest
    static final ArchRule adaptersNeverImportTheCore = noClasses()
            .that()
            .resideInAnyPackage(ADAPTERS)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.atelier.core..",
                    "io.atelier.webhooks..",
                    "io.atelier.http..",
                    "io.atelier.entrypoints..",
                    "io.atelier.config..");

    @ArchTest
    static final ArchRule topLevelPackagesHaveNoCycles =
            slices().matching("io.atelier.(*)..").should().beFreeOfCycles();
}
