package io.raffinerie.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        List<String> command = new ArrayList<>();
        if (!arguments[0].equals("bash")) {
            command.add(SCRIPT.toString());
        }
        command.addAll(List.of(arguments));
        return Commands.run(command, 90);
    }
}
