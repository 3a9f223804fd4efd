package io.raffinerie.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The API server's audit log of the local cluster (every mutating request, one JSON line, see
 * e2e/cluster/audit-policy.yaml): the writes into one namespace between two marks, by client: the first token of its
 * user agent ({@code fabric8-kubernetes-client}, {@code workflow-controller}, {@code kube-controller-manager} (the Job
 * controller among others), {@code kwok-controller}, ...).
 */
final class AuditLog {
    /** The bench's own client: its submissions are not counted as an engine's writes. */
    static final String BENCH_AGENT = "raffinerie-bench";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    AuditLog(Path file) {
        this.file = file;
    }

    /** Where the log ends now: writes after this mark are counted by {@link #writesSince}. */
    long mark() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes per client ({@link #client}) into {@code namespace} since {@code mark}. */
    Writes writesSince(long mark, String namespace) {
        Map<String, Long> byClient = new TreeMap<>();
        Map<String, Long> byResource = new TreeMap<>();
        try (InputStream in = Files.newInputStream(file)) {
            if (mark <= Files.size(file)) {
                in.skipNBytes(mark); // else the log was rotated: all of it is newer
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode event = JSON.readTree(line);
                if (!namespace.equals(event.path("objectRef").path("namespace").asText())) {
                    continue;
                }
                String client = client(event.path("userAgent").asText());
                byClient.merge(client, 1L, Long::sum);
                String resource = event.path("objectRef").path("resource").asText()
                        + (event.path("objectRef").has("subresource") ? "/" + event.path("objectRef").path("subresource").asText() : "");
                byResource.merge(client + " " + event.path("verb").asText() + " " + resource, 1L, Long::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Writes(byClient, byResource);
    }

    static String client(String userAgent) {
        int slash = userAgent.indexOf('/');
        return slash < 0 ? userAgent : userAgent.substring(0, slash);
    }

    /** Writes by client, and by "client verb resource[/subresource]". */
    record Writes(Map<String, Long> byClient, Map<String, Long> byResource) {
        long of(String client) {
            return byClient.getOrDefault(client, 0L);
        }

        /** Every write but the bench's own submissions. */
        long allButBench() {
            return byClient.entrySet().stream().filter(e -> !e.getKey().equals(BENCH_AGENT)).mapToLong(Map.Entry::getValue).sum();
        }

        Map<String, Object> toMap() {
            return Map.of("byClient", byClient, "byResource", byResource);
        }
    }
}
