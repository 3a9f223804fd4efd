package io.raffinerie.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL from Debian's binaries (e2e/tools/postgres.sh, which the local cluster and CI use too), under
 * target/ so that Debian's postgres user can reach it, with the archive turned on against it.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {
    private static final Path SCRIPT = Path.of("e2e", "tools", "postgres.sh");
    private static final Path DIR = Path.of("target", "archive-it-postgres").toAbsolutePath();
    private static String url;

    @Override
    public Map<String, String> start() {
        try {
            if (Files.exists(DIR)) {
                run("stop", DIR.toString());
                run("bash", "-c", "rm -rf " + DIR);
            }
        } catch (RuntimeException e) {
            // a cluster left by a crashed build: started afresh below
        }
        url = run("start", DIR.toString()).strip();
        return Map.of("raffinerie.archive.enabled", "true", "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", "raffinerie", "raffinerie.archive.retry-after", "1s");
    }

    @Override
    public void stop() {
        run("stop", DIR.toString());
    }

    /** The database goes away, as in an outage; its data stays. */
    static void stopDatabase() {
        run("stop", DIR.toString());
    }

    static void startDatabase() {
        run("restart", DIR.toString());
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "raffinerie", "");
    }

    private static String run(String... arguments) {
        try {
            String[] command = arguments[0].equals("bash") ? arguments : prepend(SCRIPT.toString(), arguments);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
