package io.raffinerie.model.job;

import static org.assertj.core.api.Assertions.assertThat;

import static io.raffinerie.model.job.ShippedCatalog.selector;
import static io.raffinerie.model.job.ShippedCatalog.technology;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.DataTechnology;
import io.raffinerie.api.v1alpha1.TechnologyDefaults;
import io.raffinerie.api.v1alpha1.TechnologyLaunch;
import io.raffinerie.api.v1alpha1.TechnologyLifecycle;
import io.raffinerie.model.LabelSelectors;
import io.raffinerie.model.Problem;
import io.raffinerie.model.Reasons;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TechnologyCatalogTest {
    private final TechnologyCatalog catalog = ShippedCatalog.get();

    @Test
    void defaultVersionPicksTheImage() {
        TechnologyCatalog.Resolution python = catalog.resolve("python", null, null);
        assertThat(python.version()).isEqualTo("3.12");
        assertThat(python.image()).isEqualTo("python:3.12.8-slim-bookworm");
    }

    @Test
    void unknownTechnologyListsTheValidOnes() {
        TechnologyCatalog.Resolution cobol = catalog.resolve("cobol", null, null);
        assertThat(cobol.problem().reason()).isEqualTo(Reasons.UNKNOWN_TECHNOLOGY);
        assertThat(cobol.problem().message()).contains("\"cobol\"").contains("bash, container, java, python, spark");
    }

    @Test
    void misspelledTechnologyNamesTheClosestAndAllValidOnes() {
        assertThat(catalog.resolve("pyhton", null, null).problem()).satisfies(p -> {
            assertThat(p.reason()).isEqualTo(Reasons.UNKNOWN_TECHNOLOGY);
            assertThat(p.message()).isEqualTo("spec.technology: \"pyhton\" is not in the technology catalog; did you mean \"python\"?"
                    + " valid technologies: bash, container, java, python, spark");
        });
        assertThat(catalog.resolve("cobol", null, null).problem().message()).as("nothing close: no guess").doesNotContain("did you mean");
    }

    @Test
    void misspelledVersionNamesTheClosestAndAllValidOnes() {
        assertThat(catalog.resolve("python", "3.21", null).problem().message()).isEqualTo(
                "spec.version: \"3.21\" is not a version of python; did you mean \"3.12\"? valid versions: 3.11, 3.12, 3.13");
    }

    @Test
    void unknownVersionListsTheValidOnes() {
        assertThat(catalog.resolve("python", "2.7", null).problem().message())
                .contains("\"2.7\" is not a version of python").endsWith("3.11, 3.12, 3.13");
    }

    @Test
    void containerNeedsAnImage() {
        assertThat(catalog.resolve("container", null, null).isValid()).isFalse();
        assertThat(catalog.resolve("container", null, "ghcr.io/acme/etl:1.0").image()).isEqualTo("ghcr.io/acme/etl:1.0");
    }

    @Test
    void aCatalogEntryReplacesAnother() {
        TechnologyCatalog custom = catalog.with(Technology.of(technology("python", TechnologyLaunch.Script,
                "3.12=registry.local/python:3.12")));
        assertThat(custom.resolve("python", null, null).image()).isEqualTo("registry.local/python:3.12");
        assertThat(custom.resolve("python", "3.11", null).isValid()).isFalse();
    }

    @Test
    void aNewTechnologyRunsItsScriptsWithItsInterpreter() {
        DataTechnology r = technology("r", TechnologyLaunch.Script, "4.4=registry.local/r:4.4");
        r.getSpec().interpreter = List.of("Rscript", "--vanilla");
        TechnologyCatalog custom = TechnologyCatalog.of(List.of(r));
        TechnologyCatalog.Resolution resolution = custom.resolve("r", null, null);
        assertThat(resolution.image()).isEqualTo("registry.local/r:4.4");
        DataJob job = new DataJob();
        job.getMetadata().setName("model");
        job.getMetadata().setNamespace("sales");
        job.setSpec(new DataJobSpec());
        job.getSpec().technology = "r";
        job.getSpec().script = "print(1)";
        assertThat(Launch.of(job, resolution).command()).containsExactly("Rscript", "--vanilla", "/opt/raffinerie/script/main.sh");
    }

    @Test
    void aDeprecatedVersionResolvesWithTheCatalogsMessage() {
        DataTechnology python = technology("python", TechnologyLaunch.Script, "3.12=python:3.12", "3.11=python:3.11");
        python.getSpec().versions.get(1).lifecycle = TechnologyLifecycle.Deprecated;
        python.getSpec().versions.get(1).message = "use 3.12 before 2027-03-01";
        TechnologyCatalog custom = TechnologyCatalog.of(List.of(python));
        TechnologyCatalog.Resolution old = custom.resolve("python", "3.11", null);
        assertThat(old.isValid()).isTrue();
        assertThat(old.image()).isEqualTo("python:3.11");
        assertThat(old.deprecation()).isEqualTo("python 3.11 is deprecated: use 3.12 before 2027-03-01");
        assertThat(custom.resolve("python", null, null).deprecation()).isNull();
    }

    @Test
    void aJobOnADeprecatedVersionCarriesTheDeprecatedConditionUntilItMoves() {
        DataTechnology python = technology("python", TechnologyLaunch.Script, "3.12=python:3.12", "3.11=python:3.11");
        python.getSpec().versions.get(1).lifecycle = TechnologyLifecycle.Deprecated;
        TechnologyCatalog custom = TechnologyCatalog.of(List.of(python));
        java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2026-12-02T03:00:00Z"), java.time.ZoneOffset.UTC);
        DataJobSpec spec = new DataJobSpec();
        spec.technology = "python";
        assertThat(JobValidation.deprecation(List.of(), spec, custom, 1L, clock)).as("never deprecated: no condition").isEmpty();
        spec.version = "3.11";
        var deprecated = JobValidation.deprecation(List.of(), spec, custom, 2L, clock);
        assertThat(deprecated).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo("Deprecated");
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getMessage()).isEqualTo("python 3.11 is deprecated");
        });
        spec.version = "3.12";
        assertThat(JobValidation.deprecation(deprecated, spec, custom, 3L, clock)).singleElement()
                .satisfies(c -> assertThat(c.getStatus()).isEqualTo("False"));
    }

    @Test
    void aDisabledVersionIsRefusedWithItsMessageAndTheUsableVersions() {
        DataTechnology python = technology("python", TechnologyLaunch.Script, "3.12=python:3.12", "3.11=python:3.11",
                "3.13=python:3.13");
        python.getSpec().versions.get(1).lifecycle = TechnologyLifecycle.Disabled;
        python.getSpec().versions.get(1).message = "3.11 left the catalog on 2027-03-01";
        TechnologyCatalog custom = TechnologyCatalog.of(List.of(python));
        assertThat(custom.resolve("python", "3.11", null).problem()).isEqualTo(new Problem(Reasons.VERSION_DISABLED,
                "spec.version: python 3.11 is disabled in the technology catalog: 3.11 left the catalog on 2027-03-01;"
                        + " valid versions: 3.12, 3.13"));
        assertThat(custom.resolve("python", "3.10", null).problem().message()).as("a disabled version is no valid choice")
                .endsWith("valid versions: 3.12, 3.13");
    }

    @Test
    void aTechnologyRestrictedToSomeEnvironmentsIsRefusedElsewhereNamingWhatTheEnvironmentMayUse() {
        DataTechnology spark = technology("spark", TechnologyLaunch.SparkSubmit, "3.5=apache/spark:3.5.3");
        spark.getSpec().environments = selector("tier", "analytics");
        TechnologyCatalog custom = TechnologyCatalog.of(List.of(spark, technology("bash", TechnologyLaunch.Script, "5=bash:5")));
        DataEnvironment analytics = environment("analytics", Map.of("tier", "analytics"));
        DataEnvironment sales = environment("sales-dev", Map.of("tier", "web"));

        assertThat(custom.forEnvironment(analytics).resolve("spark", null, null).isValid()).isTrue();
        assertThat(custom.forEnvironment(sales).resolve("spark", null, null).problem()).isEqualTo(new Problem(
                Reasons.TECHNOLOGY_NOT_ALLOWED, "spec.technology: \"spark\" may not be used in environment sales-dev (the catalog"
                        + " allows it in environments labelled tier=analytics); technologies this environment may use: bash"));
        assertThat(custom.resolve("spark", null, null).isValid()).as("an environment without labels").isFalse();
        assertThat(custom.forEnvironment(sales).resolve("cobol", null, null).problem().message())
                .as("the valid technologies are the environment's").endsWith("valid technologies: bash");
    }

    @Test
    void matchExpressionsSelectEnvironmentsAsKubernetesDoes() {
        LabelSelector selector = new LabelSelector();
        selector.setMatchExpressions(List.of(new LabelSelectorRequirement("tier", "In", List.of("analytics", "ml")),
                new LabelSelectorRequirement("frozen", "DoesNotExist", null)));
        assertThat(LabelSelectors.matches(selector, Map.of("tier", "ml"))).isTrue();
        assertThat(LabelSelectors.matches(selector, Map.of("tier", "ml", "frozen", "yes"))).isFalse();
        assertThat(LabelSelectors.matches(selector, Map.of())).isFalse();
        assertThat(LabelSelectors.matches(new LabelSelector(), Map.of())).as("empty selects everything").isTrue();
        assertThat(LabelSelectors.describe(selector)).isEqualTo("tier in (analytics,ml),!frozen");
    }

    @Test
    void aJobWithoutResourcesGetsTheTechnologysDefaults() {
        DataTechnology java = technology("java", TechnologyLaunch.Command, "21=eclipse-temurin:21");
        java.getSpec().defaults = new TechnologyDefaults();
        java.getSpec().defaults.resources = new ResourceRequirementsBuilder().addToRequests("memory", new Quantity("1Gi")).build();
        TechnologyCatalog.Resolution resolution = TechnologyCatalog.of(List.of(java)).resolve("java", null, null);
        assertThat(resolution.resources(null).getRequests()).containsEntry("memory", new Quantity("1Gi"));
        ResourceRequirements own = new ResourceRequirementsBuilder().addToRequests("memory", new Quantity("2Gi")).build();
        assertThat(resolution.resources(own)).isSameAs(own);
    }

    @Test
    void aTechnologyBeingDeletedIsNoLongerInTheCatalog() {
        DataTechnology going = technology("dbt", TechnologyLaunch.Command, "1.9=dbt:1.9");
        going.getMetadata().setDeletionTimestamp("2026-12-02T00:00:00Z");
        assertThat(TechnologyCatalog.of(List.of(going)).resolve("dbt", null, null).problem().message())
                .endsWith("valid technologies: none (ask the platform team to add DataTechnology objects)");
    }

    @Test
    void theShippedCatalogIsTodaysTechnologies() {
        assertThat(catalog.allowedNames()).containsExactly("bash", "container", "java", "python", "spark");
        assertThat(catalog.resolve("java", null, null).version()).isEqualTo("21");
        assertThat(catalog.resolve("bash", null, null).technology().interpreter()).containsExactly("bash");
        assertThat(ShippedCatalog.objects()).allSatisfy(t -> assertThat(t.getSpec().versions == null ? List.<String>of()
                : t.getSpec().versions.stream().map(v -> v.image).toList()).as("pinned: no floating tag")
                .allSatisfy(image -> assertThat(image).contains(":").doesNotEndWith(":latest")));
    }

    @Test
    void jobValidationReportsScheduleAndTimeoutProblems() {
        DataJobSpec spec = new DataJobSpec();
        spec.technology = "bash";
        spec.script = "echo hi";
        assertThat(JobValidation.validate(spec, catalog)).isEmpty();

        spec.timeout = "0s";
        assertThat(JobValidation.validate(spec, catalog)).hasValueSatisfying(p -> assertThat(p.reason())
                .isEqualTo(Reasons.INVALID_DURATION));

        spec.timeout = "10m";
        spec.schedule = new io.raffinerie.api.v1alpha1.Schedule();
        spec.schedule.cron = "every day";
        assertThat(JobValidation.validate(spec, catalog)).hasValueSatisfying(p -> assertThat(p.reason())
                .isEqualTo(Reasons.INVALID_SCHEDULE));
    }

    @Test
    void scriptForATechnologyThatTakesNoneSaysWhichDo() {
        DataJobSpec spec = new DataJobSpec();
        spec.technology = "java";
        spec.script = "System.out.println(1);";
        assertThat(JobValidation.validate(spec, catalog)).hasValueSatisfying(p -> assertThat(p.message()).isEqualTo(
                "spec.script: technology \"java\" takes no script; use command and args (technologies that run a script: bash, python, spark)"));
    }

    @Test
    void scriptForAMisspelledTechnologyReportsTheTechnology() {
        DataJobSpec spec = new DataJobSpec();
        spec.technology = "pyhton";
        spec.script = "print(1)";
        assertThat(JobValidation.validate(spec, catalog)).hasValueSatisfying(p -> {
            assertThat(p.reason()).isEqualTo(Reasons.UNKNOWN_TECHNOLOGY);
            assertThat(p.message()).contains("did you mean \"python\"?");
        });
    }

    @Test
    void aCommandTechnologyTakesNoScript() {
        TechnologyCatalog custom = catalog.with(Technology.of(technology("dbt", TechnologyLaunch.Command, "1.9=dbt:1.9")));
        DataJobSpec spec = new DataJobSpec();
        spec.technology = "dbt";
        spec.script = "select 1";
        assertThat(JobValidation.validate(spec, custom)).hasValueSatisfying(p -> assertThat(p.message())
                .startsWith("spec.script: technology \"dbt\" takes no script"));
    }

    @Test
    void scriptTechnologyNeedsAScriptOrCommand() {
        DataJobSpec spec = new DataJobSpec();
        spec.technology = "python";
        assertThat(JobValidation.validate(spec, catalog)).hasValueSatisfying(p -> assertThat(p.message())
                .contains("needs a script or a command"));
    }

    private static DataEnvironment environment(String name, Map<String, String> labels) {
        DataEnvironment environment = new DataEnvironment();
        environment.getMetadata().setName(name);
        environment.getMetadata().setLabels(labels);
        return environment;
    }
}
