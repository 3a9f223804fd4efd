package io.raffinerie.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils;
import io.quarkus.test.junit.QuarkusTest;
import io.raffinerie.api.v1alpha1.RunPhase;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The operator's log tells what it did: one INFO line per run transition, with namespace/name, and no noise. */
@QuarkusTest
@ClusterIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorLogIT {
    static final String NS = "operator-log";

    @Inject
    KubernetesClient client;

    LogCapture log;

    @BeforeAll
    void environmentAndJob() {
        log = LogCapture.start();
        Resources.readyEnvironment(client, NS);
        Resources.awaitReady(client, client.resource(Resources.bashJob(NS, "load")).serverSideApply());
    }

    @AfterAll
    void stopCapture() {
        log.close();
    }

    @Test
    void oneInfoLinePerRunTransitionWithNamespaceAndName() {
        JobControllerDouble controller = new JobControllerDouble(client);
        client.resource(Resources.run(NS, "load-ok", "load", null)).create();
        controller.runToSuccess(NS, "load-ok");
        Resources.awaitRun(client, NS, "load-ok", run -> run.getStatus().phase == RunPhase.Succeeded);
        client.resource(Resources.run(NS, "load-bad", "load", null)).create();
        controller.runToFailure(NS, "load-bad", 3);
        Resources.awaitRun(client, NS, "load-bad", run -> run.getStatus().phase == RunPhase.Failed);

        // Each line is logged before the status write that the awaits above saw. A run may reach its end before the
        // operator saw it Running: then its one line goes from Pending.
        List<String> lines = log.lines(Level.INFO, "run " + NS + "/");
        assertThat(lines).doesNotHaveDuplicates();
        assertThat(lines).filteredOn(line -> line.startsWith("run operator-log/load-ok "))
                .last().asString().endsWith(" -> Succeeded (1/1 steps)");
        assertThat(lines).filteredOn(line -> line.startsWith("run operator-log/load-bad "))
                .last().asString().contains(" -> Failed (0/1 steps): ").contains("exit code 3 after 1 attempt");
        assertThat(lines).allSatisfy(line -> assertThat(line).matches("run operator-log/load-(ok|bad) (Pending|Running) -> .*"));
        assertThat(log.withStackTrace()).as("no stack trace").isEmpty();
    }

    @Test
    void fabric8sUnstableVersionWarningIsSilenced() {
        VersionUsageUtils.log("oillevels", "v1alpha1");
        assertThat(log.records()).extracting(LogCapture::text).noneMatch(message -> message.contains("unstable version"));
    }
}
