package io.raffinerie.model.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.model.Reasons;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TechnologyCatalogTest {
    private final TechnologyCatalog catalog = TechnologyCatalog.builtIn();

    @Test
    void defaultVersionPicksTheImage() {
        TechnologyCatalog.Resolution python = catalog.resolve("python", null, null);
        assertThat(python.version()).isEqualTo("3.12");
        assertThat(python.image()).isEqualTo("python:3.12-slim");
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
    void overridesReplaceABuiltInEntry() {
        TechnologyCatalog custom = catalog.with(new Technology("python", Map.of("3.12", "registry.local/python:3.12"), "3.12",
                Technology.Launch.SCRIPT));
        assertThat(custom.resolve("python", null, null).image()).isEqualTo("registry.local/python:3.12");
        assertThat(custom.resolve("python", "3.11", null).isValid()).isFalse();
    }

    @Test
    void configurationOverridesImagesAndAddsTechnologies() {
        TechnologyCatalog custom = catalog.withOverrides(Map.of(
                "python", new TechnologyOverride(null, Map.of("3.12", "mirror.local/python:3.12", "3.14", "mirror.local/python:3.14")),
                "dbt", new TechnologyOverride("1.9", Map.of("1.9", "ghcr.io/dbt-labs/dbt-core:1.9"))));

        assertThat(custom.resolve("python", null, null).image()).as("default version kept").isEqualTo("mirror.local/python:3.12");
        assertThat(custom.resolve("python", "3.14", null).isValid()).isTrue();
        assertThat(custom.resolve("python", "3.11", null).isValid()).isFalse();
        assertThat(custom.resolve("dbt", null, null).technology().launch()).isEqualTo(Technology.Launch.COMMAND);
        assertThat(custom.resolve("cobol", null, null).problem().message()).contains("dbt");
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
                "spec.script: technology \"java\" takes no script; use command and args (technologies that run a script: bash, python)"));
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
    void aTechnologyAddedByConfigurationTakesNoScript() {
        TechnologyCatalog custom = catalog.withOverrides(Map.of("dbt", new TechnologyOverride("1.9", Map.of("1.9", "dbt:1.9"))));
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
}
