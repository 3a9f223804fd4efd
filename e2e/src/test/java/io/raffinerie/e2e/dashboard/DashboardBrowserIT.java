package io.raffinerie.e2e.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.raffinerie.e2e.harness.Cluster;
import io.raffinerie.e2e.harness.Operator;
import io.raffinerie.e2e.harness.Raffinerie;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dashboard in headless Chromium (e2e/browser/dashboard.test.mjs, playwright-core), against the shared operator
 * on the local cluster: an editor and a viewer sign in with their own ServiceAccount tokens, whose rights come from
 * the environment's access list. The screenshots it takes are the README's (docs/dashboard/).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserIT {
    static final String NS = "e2e-dashboard";
    static final String PEOPLE = "e2e-dashboard-people";
    static final String DEV = "e2e-dashboard-dev";
    static final String PROMOTION = "report-to-prod";
    static final String FAILED_RUN = "audit-1";
    static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");

    final Cluster cluster = Cluster.get();
    final Raffinerie raffinerie = new Raffinerie(cluster);
    Operator operator;

    @BeforeAll
    void environmentWithAnEditorAndAViewer() {
        assumeTrue(Files.isExecutable(Path.of(CHROMIUM)), "no Chromium at " + CHROMIUM
                + ": the dashboard's browser test is skipped (apt-get install -y chromium, or set CHROMIUM)");
        operator = Operator.shared();
        cluster.kubectl("create", "namespace", PEOPLE);
        for (String person : List.of("editor", "viewer")) {
            cluster.kubectl("create", "serviceaccount", person, "-n", PEOPLE);
        }
        raffinerie.environment(DEV, null);
        raffinerie.environment(NS, """
                access:
                  - {role: editor, serviceAccounts: [%s/editor]}
                  - {role: viewer, serviceAccounts: [%s/viewer]}
                promotion: {from: [%s], approvals: {count: 0}}
                """.formatted(PEOPLE, PEOPLE, DEV));
        job("extract", "extracting orders for day=$(DAY)");
        job("clean", "cleaning");
        job("enrich", "enriching");
        job("load", "loaded <script>window.__raffinerie_pwned=1</script> rows");
        // Two revisions of the pipeline, for the revisions table and its diff: the second describes its parameter.
        pipeline("the day", 1);
        pipeline("the day to load", 2);
        // A scheduled job whose run failed: the overview's "failing now" and "next scheduled", and a retry.
        raffinerie.job(NS, "audit", "bash", """
                script: echo audit
                schedule: {cron: "0 2 * * *", timeZone: Europe/Paris}
                podMetadata:
                  annotations: {raffinerie.io/sim-exit-code: "3", raffinerie.io/sim-log: "audit: 2 orders without customer"}
                """);
        raffinerie.run(NS, FAILED_RUN, "jobRef", "audit", null);
        raffinerie.awaitPhase(NS, FAILED_RUN, "Failed");
        // A promotion of a job from dev, requested by the editor, for the environment's promotions and their page.
        raffinerie.job(DEV, "report", "bash", "script: echo report\n");
        raffinerie.await("DataJob", DEV, "report", j -> "1".equals(String.valueOf(Raffinerie.status(j).get("currentRevision"))));
        String editor = "system:serviceaccount:" + PEOPLE + ":editor";
        cluster.kubectlAs(editor, """
                apiVersion: raffinerie.io/v1alpha1
                kind: DataPromotion
                metadata: {name: %s, namespace: %s}
                spec:
                  source: {environment: %s, kind: DataJob, name: report}
                  reason: the weekly report goes live
                  requestedBy: %s
                """.formatted(PROMOTION, NS, DEV, editor), "create", "-f", "-").assertOk();
        raffinerie.await("DataPromotion", NS, PROMOTION, p -> "Succeeded".equals(Raffinerie.status(p).get("phase")));
    }

    @AfterAll
    void cleanUp() {
        if (operator != null) {
            raffinerie.deleteEnvironment(NS);
            raffinerie.deleteEnvironment(DEV);
            cluster.kubectl("delete", "namespace", PEOPLE, "--timeout=60s");
        }
    }

    private void pipeline(String dayDescription, int revision) {
        raffinerie.pipeline(NS, "daily-sales", """
                - {name: extract, jobRef: extract}
                - {name: clean, jobRef: clean, dependsOn: [extract]}
                - {name: enrich, jobRef: enrich, dependsOn: [extract]}
                - {name: load, jobRef: load, dependsOn: [clean, enrich]}
                """, "parameters: [{name: DAY, default: today, description: " + dayDescription + "}]");
        raffinerie.await("DataPipeline", NS, "daily-sales",
                p -> String.valueOf(revision).equals(String.valueOf(Raffinerie.status(p).get("currentRevision"))));
    }

    private void job(String name, String log) {
        raffinerie.job(NS, name, "bash", """
                script: echo %s
                parameters: [{name: DAY, default: today}]
                podMetadata:
                  annotations: {raffinerie.io/sim-duration: "1s", raffinerie.io/sim-log: "%s"}
                """.formatted(name, log));
    }

    @Test
    void editorAndViewerInChromium() throws IOException, InterruptedException {
        Path browserDir = cluster.e2eDir().resolve("browser");
        if (!Files.isDirectory(browserDir.resolve("node_modules/playwright-core"))) {
            assertThat(run(List.of("npm", "ci", "--no-audit", "--no-fund"), browserDir, Map.of(), 300)).as("npm ci").isZero();
        }
        Map<String, String> env = Map.ofEntries(
                Map.entry("DASHBOARD_URL", operator.baseUrl()),
                Map.entry("EDITOR_TOKEN", token("editor")),
                Map.entry("VIEWER_TOKEN", token("viewer")),
                Map.entry("NAMESPACE", NS),
                Map.entry("PIPELINE", "daily-sales"),
                Map.entry("STEPS", "4"),
                Map.entry("DAY", "2026-11-29"),
                Map.entry("FAILED_RUN", FAILED_RUN),
                Map.entry("PROMOTION", PROMOTION),
                Map.entry("SCREENSHOTS", cluster.e2eDir().getParent().resolve("docs/dashboard").toString()),
                Map.entry("CHROMIUM", CHROMIUM));
        assertThat(run(List.of("node", "dashboard.test.mjs"), browserDir, env, 180))
                .as("the browser test (its output: e2e/target/dashboard-browser.log)").isZero();
    }

    private String token(String person) {
        return cluster.kubectl("create", "token", person, "-n", PEOPLE, "--duration=1h").assertOk().stdout().trim();
    }

    private int run(List<String> command, Path dir, Map<String, String> env, int timeoutSeconds)
            throws IOException, InterruptedException {
        Path log = cluster.e2eDir().resolve("target/dashboard-browser.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            System.out.println(Files.readString(log));
            return -1;
        }
        System.out.println(Files.readString(log)); // the checks, one line each, and the overview's server time
        return process.exitValue();
    }
}
