package io.raffinerie.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.e2e.harness.Cluster;
import io.raffinerie.e2e.harness.Operator;
import io.raffinerie.e2e.harness.PlantedSecrets;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * After every other suite: the values of the Secrets they planted show nowhere the operator writes. Each suite
 * scans its own namespace before deleting it; this scans what is left across the cluster, every operator log of
 * the run, and the operator's metrics.
 */
@Order(Integer.MAX_VALUE)
class LeakScanIT {
    @Test
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
        // The scan finds what it looks for (alone, this class has nothing planted to look for).
        assertThat(PlantedSecrets.hits("self-test", String.join(" ", PlantedSecrets.values()))).hasSize(PlantedSecrets.values().size());
        assertThat(hits).isEmpty();
    }
}
