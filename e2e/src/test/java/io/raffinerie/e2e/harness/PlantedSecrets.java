package io.raffinerie.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The Secret values the suites plant, and the scan that proves none of them shows anywhere the operator writes:
 * statuses, Events, ConfigMaps, its log and its metrics.
 */
public final class PlantedSecrets {
    private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();

    private PlantedSecrets() {
    }

    /** Creates a Secret with one key and remembers its value for the scans. */
    public static void create(Cluster cluster, String namespace, String name, String key, String value) {
        VALUES.add(value);
        cluster.kubectl("-n", namespace, "create", "secret", "generic", name, "--from-literal=" + key + "=" + value).assertOk();
    }

    /** Remembers a secret value that is not a whole Secret's value, such as a token inside a URL. */
    public static void remember(String value) {
        VALUES.add(value);
    }

    public static Set<String> values() {
        return Set.copyOf(VALUES);
    }

    /** Where in {@code text} (named {@code where}) a planted value shows: one line per hit. */
    public static List<String> hits(String where, String text) {
        List<String> hits = new ArrayList<>();
        for (String value : VALUES) {
            if (text.contains(value)) {
                hits.add(where + " contains the value of a planted Secret");
            }
        }
        return hits;
    }

    /** What the operator wrote in a namespace: its custom resources with their statuses, Events and ConfigMaps. */
    public static List<String> scanNamespace(Cluster cluster, String namespace) {
        String written = cluster.kubectl("-n", namespace, "get", "datajobs,datapipelines,dataruns,events,configmaps", "-o", "yaml")
                .assertOk().stdout();
        return hits("namespace " + namespace, written);
    }

    /** Every operator log the e2e run wrote (e2e/target/operator-*.log). */
    public static List<String> scanOperatorLogs(Cluster cluster) {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.list(cluster.e2eDir().resolve("target"))) {
            for (Path log : files.filter(f -> f.getFileName().toString().matches("operator-.*\\.log")).toList()) {
                hits.addAll(hits(log.getFileName().toString(), Files.readString(log)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hits;
    }
}
