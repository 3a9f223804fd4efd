package io.raffinerie.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.e2e.harness.Cluster;
import io.raffinerie.e2e.harness.Operator;
import io.raffinerie.e2e.harness.PlantedSecrets;
import io.raffinerie.e2e.harness.Raffinerie;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * After every other suite: the values of the Secrets they planted show nowhere the operator writes. Each suite
 * scans its own namespace before deleting it; this scans what is left across the cluster, every operator log of
 * the run, and the operator's metrics. First, it plants a Secret of its own that a run prints while its DataJob is
 * edited, then deleted (issue 18): the run must mask what it ran with, not what the job says afterwards.
 */
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeakScanIT {
    static final String NS = "e2e-leak-midrun";
    static final String VALUE = "m1drun-printed-pa55word-3e8a";

    @Test
    @Order(1)
    void aSecretPrintedByARunWhoseJobIsEditedThenDeletedMidRunIsMasked() {
        Cluster cluster = Cluster.get();
        Operator.shared();
        Raffinerie raffinerie = new Raffinerie(cluster);
        raffinerie.environment(NS, null);
        PlantedSecrets.create(cluster, NS, "db", "password", VALUE);
        raffinerie.job(NS, "printer", "bash", """
                script: echo "password=$PASSWORD"
                env: [{name: PASSWORD, secretKeyRef: {name: db, key: password}}]
                podMetadata: {annotations: {raffinerie.io/sim-log: "password=$(PASSWORD)", raffinerie.io/sim-duration: 4s}}
                """);
        raffinerie.run(NS, "printer-1", "jobRef", "printer", null);
        raffinerie.awaitPhase(NS, "printer-1", "Running");
        cluster.kubectl("-n", NS, "patch", "datajob", "printer", "--type=json",
                "-p", "[{\"op\":\"remove\",\"path\":\"/spec/env\"},{\"op\":\"replace\",\"path\":\"/spec/script\",\"value\":\"echo edited\"}]")
                .assertOk();
        cluster.kubectl("-n", NS, "delete", "datajob", "printer").assertOk();
        var run = raffinerie.await("DataRun", NS, "printer-1",
                r -> !Raffinerie.steps(r).isEmpty() && Raffinerie.steps(r).get(0).get("logTail") != null);
        assertThat(String.valueOf(Raffinerie.steps(run).get(0).get("logTail"))).as("the run printed it, masked")
                .contains("password=****");
        assertThat(PlantedSecrets.scanNamespace(cluster, NS)).isEmpty();
    }

    @Test
    @Order(2)
    void noPlantedSecretShowsInStatusesEventsConfigMapsLogsOrMetrics() throws IOException {
        Cluster cluster = Cluster.get();
        List<String> hits = new ArrayList<>();
        hits.addAll(PlantedSecrets.hits("the cluster", cluster.kubectl("get",
                "dataenvironments,datajobs,datapipelines,dataruns,events,configmaps", "-A", "-o", "yaml").assertOk().stdout()));
        hits.addAll(PlantedSecrets.scanOperatorLogs(cluster));
        hits.addAll(PlantedSecrets.hits("/q/metrics", Operator.shared().metrics()));
        String report = "Secret values planted: " + PlantedSecrets.values().size() + "; hits: " + hits.size() + "\n"
                + String.join("\n", hits);
        Files.createDirectories(cluster.e2eDir().resolve("target"));
        Files.writeString(cluster.e2eDir().resolve("target/leak-scan.txt"), report + "\n");
        System.out.println(report);
        // The scan finds what it looks for.
        assertThat(PlantedSecrets.hits("self-test", String.join(" ", PlantedSecrets.values()))).hasSize(PlantedSecrets.values().size());
        assertThat(PlantedSecrets.values()).as("this class planted one of its own").contains(VALUE);
        assertThat(hits).isEmpty();
    }

    @AfterAll
    static void deleteTheEnvironment() {
        new Raffinerie(Cluster.get()).deleteEnvironment(NS);
    }
}
