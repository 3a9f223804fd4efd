package io.raffinerie.model.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataEnvironmentSpec;
import io.raffinerie.api.v1alpha1.PromotionPolicy;
import io.raffinerie.api.v1alpha1.PromotionSource;
import io.raffinerie.model.Problem;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceChecksTest {
    private static DataEnvironment environment(String name, List<String> from) {
        DataEnvironment environment = new DataEnvironment();
        environment.getMetadata().setName(name);
        environment.setSpec(new DataEnvironmentSpec());
        if (from != null) {
            environment.getSpec().promotion = new PromotionPolicy();
            environment.getSpec().promotion.from = from;
        }
        return environment;
    }

    private static PromotionSource source(String environment) {
        PromotionSource source = new PromotionSource();
        source.environment = environment;
        source.kind = "DataJob";
        source.name = "clean";
        return source;
    }

    private static String reason(Optional<Problem> problem) {
        return problem.map(p -> p.reason() + ": " + p.message()).orElse("none");
    }

    @Test
    void eachRefusalNamesWhatIsWrong() {
        DataEnvironment dev = environment("dev", null);
        assertThat(reason(SourceChecks.problem("scratch", null, source("dev"), dev)))
                .isEqualTo("NoEnvironment: namespace scratch is no DataEnvironment's: promotions go into an environment's namespace");
        DataEnvironment deleting = environment("prod", List.of("dev"));
        deleting.getMetadata().setDeletionTimestamp("2026-12-03T10:00:00Z");
        assertThat(reason(SourceChecks.problem("prod", deleting, source("dev"), dev)))
                .isEqualTo("EnvironmentDeleting: DataEnvironment prod is being deleted: nothing is promoted into it");
        assertThat(reason(SourceChecks.problem("prod", environment("prod", null), source("dev"), dev)))
                .isEqualTo("SourceNotAccepted: DataEnvironment prod does not accept promotions from dev (its spec.promotion.from is empty)");
        assertThat(reason(SourceChecks.problem("prod", environment("prod", List.of("qa")), source("dev"), dev)))
                .isEqualTo("SourceNotAccepted: DataEnvironment prod does not accept promotions from dev; it accepts qa");
        assertThat(reason(SourceChecks.problem("prod", environment("prod", List.of("dev")), source("dev"), null)))
                .isEqualTo("SourceEnvironmentNotFound: DataEnvironment dev does not exist");
    }

    @Test
    void anAcceptedSourceAndARollbackPass() {
        DataEnvironment prod = environment("prod", List.of("dev"));
        assertThat(SourceChecks.problem("prod", prod, source("dev"), environment("dev", null))).isEmpty();
        assertThat(SourceChecks.problem("prod", environment("prod", null), null, null)).as("a rollback").isEmpty();
    }
}
