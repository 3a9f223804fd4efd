package io.raffinerie.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The repository a GitOps-managed environment is synced from, served by Debian's git daemon (e2e/tools/git-serve.sh)
 * where the operator reaches it; read back with git.
 */
public final class GitServer implements AutoCloseable {
    private final Path script;
    private final Path base;
    private final String name;
    public final String url;

    private GitServer(Path script, Path base, String name, String url) {
        this.script = script;
        this.base = base;
        this.name = name;
        this.url = url;
    }

    /** {@code <name>.git}, branch main, its first commit {@code files} (path to content). */
    public static GitServer serve(Cluster cluster, String name, Map<String, String> files) {
        Path script = cluster.e2eDir().resolve("tools/git-serve.sh");
        try {
            Path base = Files.createTempDirectory("e2e-git-");
            for (var file : files.entrySet()) {
                Path path = base.resolve("seed").resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            String url = exec(List.of(script.toString(), "start", base.toString(), name, base.resolve("seed").toString())).trim();
            return new GitServer(script, base, name, url);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code git <args>} in the served repository: its output. */
    public String git(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "--git-dir=" + base.resolve(name + ".git")));
        command.addAll(List.of(args));
        return exec(command);
    }

    private static String exec(List<String> command) {
        return Exec.run(command, Map.of(), null, Duration.ofMinutes(1), null).assertOk().stdout();
    }

    @Override
    public void close() {
        exec(List.of(script.toString(), "stop", base.toString()));
    }
}
