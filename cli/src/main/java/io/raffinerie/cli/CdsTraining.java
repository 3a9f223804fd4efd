package io.raffinerie.cli;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.raffinerie.api.v1alpha1.DataRun;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;

/**
 * The training run of the class data archive (cli/install.sh): the code paths of a typical command, with no cluster
 * (the API server it names refuses the connection), so that the archive holds the classes every command loads.
 */
public final class CdsTraining {
    private static final String RUN = """
            {"apiVersion":"raffinerie.io/v1alpha1","kind":"DataRun","metadata":{"name":"daily-sales-x7k2p","namespace":"sales",
             "creationTimestamp":"2026-11-29T10:00:00Z"},"spec":{"pipelineRef":"daily-sales","parameters":{"DAY":"2026-11-29"}},
             "status":{"phase":"Failed","progress":"1/2","startTime":"2026-11-29T10:00:00Z","completionTime":"2026-11-29T10:01:00Z",
             "steps":[{"name":"extract","phase":"Succeeded","attempts":1,"exitCode":0,"startTime":"2026-11-29T10:00:00Z",
             "completionTime":"2026-11-29T10:00:30Z"},{"name":"load","phase":"Failed","attempts":1,"exitCode":1,"reason":"Error"}]}}
            """;

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path kubeconfig = Files.createTempFile("kubectl-raffinerie-training", ".yaml");
        try {
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters: [{name: training, cluster: {server: "https://127.0.0.1:1"}}]
                    users: [{name: training, user: {token: training}}]
                    contexts: [{name: training, context: {cluster: training, user: training, namespace: training}}]
                    current-context: training
                    """);
            System.setProperty("kubeconfig", kubeconfig.toString());
            for (String[] command : new String[][] {{"--help"}, {"run", "--help"}, {"completion", "bash"},
                    {"get", "daily-sales-x7k2p"}, {"list", "runs", "-o", "yaml"}}) {
                Main.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(new StringWriter()))
                        .execute(command);
            }
            // Completion: a subcommand's options, and a name the (unreachable) cluster is asked for.
            PrintStream stdout = System.out;
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            try {
                Main.execute(CompletionCommand.COMPLETE, "get", "--");
                Main.execute(CompletionCommand.COMPLETE, "logs", "");
            } finally {
                System.setOut(stdout);
            }
            DataRun run = new KubernetesSerialization().unmarshal(RUN, DataRun.class);
            RunView.tree(run, true, Instant.now());
            RunView.changes(new HashMap<>(), run, Instant.now());
            new KubernetesSerialization().asYaml(run);
        } finally {
            try {
                Files.deleteIfExists(kubeconfig);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
