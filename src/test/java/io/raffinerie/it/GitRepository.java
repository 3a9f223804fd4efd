package io.raffinerie.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real bare repository served over the git protocol by Debian's git daemon (e2e/tools/git-serve.sh, which the e2e
 * suite uses too): what an Argo CD or Flux managed environment is synced from. Read back with the git command line.
 */
final class GitRepository implements AutoCloseable {
    private static final Path SERVE = Path.of("e2e", "tools", "git-serve.sh");
    private final Path base;
    private final String name;
    final String url;

    private GitRepository(Path base, String name, String url) {
        this.base = base;
        this.name = name;
        this.url = url;
    }

    /** {@code <name>.git} on branch main, served read-write, with {@code files} as its first commit. */
    static GitRepository serve(String name, Map<String, String> files) {
        try {
            Path base = Files.createTempDirectory("raffinerie-git-");
            Path seed = Files.createDirectories(base.resolve("seed"));
            for (var file : files.entrySet()) {
                Files.createDirectories(seed.resolve(file.getKey()).getParent());
                Files.writeString(seed.resolve(file.getKey()), file.getValue());
            }
            return new GitRepository(base, name, run(List.of(SERVE.toString(), "start", base.toString(), name, seed.toString())).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code git <args>} in the bare repository, its output. */
    String git(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "--git-dir=" + base.resolve(name + ".git")));
        command.addAll(List.of(args));
        return run(command);
    }

    private static String run(List<String> command) {
        return Commands.run(command, 60);
    }

    @Override
    public void close() {
        run(List.of(SERVE.toString(), "stop", base.toString()));
    }
}
