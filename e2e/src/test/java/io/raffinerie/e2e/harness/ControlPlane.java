package io.raffinerie.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops and starts one component of the local cluster (kube-apiserver, etcd, ...) the way kwokctl runs it: the
 * command line comes from kwokctl's own record of the cluster (kwok.yaml), the pid from its pid file, which is
 * rewritten so that down.sh still stops the new process.
 */
public final class ControlPlane {
    private final Path dir;

    public ControlPlane(Cluster cluster) {
        this.dir = cluster.localClusterDir().orElseThrow(() -> new IllegalStateException("only the local cluster can be restarted"));
    }

    /** Stops the component (SIGTERM), leaves it down for {@code down}, and starts it again. */
    public void restart(String component, Duration down) {
        long pid = Long.parseLong(read(dir.resolve("pids").resolve(component + ".pid")).strip());
        ProcessHandle.of(pid).ifPresent(process -> {
            process.destroy();
            process.onExit().join();
        });
        sleep(down);
        start(component);
    }

    /**
     * Starts again every component whose process is gone, as a kubelet or systemd would. With leader election,
     * kube-controller-manager and kube-scheduler would exit when they cannot renew their leases during an API server
     * outage; the local cluster runs them without it (up.sh), and ChaosIT checks that they stay up.
     */
    public List<String> restartStopped() {
        List<String> restarted = new ArrayList<>();
        for (String component : components()) {
            long pid = Long.parseLong(read(dir.resolve("pids").resolve(component + ".pid")).strip());
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                continue;
            }
            start(component);
            restarted.add(component);
        }
        return restarted;
    }

    private void start(String component) {
        JsonNode spec = componentSpec(component);
        List<String> command = new ArrayList<>(List.of(spec.path("binary").asText()));
        spec.path("args").forEach(arg -> command.add(arg.asText()));
        Path log = dir.resolve("logs").resolve(component + ".log");
        try {
            Process process = new ProcessBuilder(command).directory(Path.of(spec.path("workDir").asText()).toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            Files.writeString(dir.resolve("pids").resolve(component + ".pid"), Long.toString(process.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode componentSpec(String component) {
        return componentSpecs().stream().filter(c -> component.equals(c.path("name").asText())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("kwok.yaml has no component " + component));
    }

    private List<String> components() {
        return componentSpecs().stream().map(c -> c.path("name").asText()).toList();
    }

    /** The components of kwokctl's configuration document in kwok.yaml. */
    private List<JsonNode> componentSpecs() {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        try (YAMLParser parser = new YAMLFactory().createParser(dir.resolve("kwok.yaml").toFile())) {
            for (JsonNode document : mapper.readValues(parser, JsonNode.class).readAll()) {
                if ("KwokctlConfiguration".equals(document.path("kind").asText())) {
                    return stream(document.path("components"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("kwok.yaml has no KwokctlConfiguration");
    }

    private static List<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
