package io.raffinerie.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real bare repository served over the git protocol by Debian's git daemon, on a free local port: what an Argo CD
 * or Flux managed environment is synced from. The test seeds it and reads it back with the git command line.
 */
final class GitRepository implements AutoCloseable {
    private final Path base;
    private final Process daemon;
    final String url;

    private GitRepository(Path base, Process daemon, String url) {
        this.base = base;
        this.daemon = daemon;
        this.url = url;
    }

    /** A bare repository {@code name}.git on branch main, served read-write, with {@code files} as its first commit. */
    static GitRepository serve(String name, java.util.Map<String, String> files) {
        try {
            Path base = Files.createTempDirectory("raffinerie-git-");
            git(base, "init", "--bare", "--initial-branch=main", name + ".git");
            Path seed = base.resolve("seed");
            git(base, "clone", "--quiet", base.resolve(name + ".git").toString(), seed.toString());
            for (var file : files.entrySet()) {
                Path path = seed.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            git(seed, "add", ".");
            git(seed, "-c", "user.name=Platform", "-c", "user.email=platform@example.com", "commit", "--quiet", "-m", "prod as it is");
            git(seed, "push", "--quiet", "origin", "HEAD:main");
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Process daemon = new ProcessBuilder("git", "daemon", "--reuseaddr", "--export-all", "--enable=receive-pack",
                    "--base-path=" + base, "--listen=127.0.0.1", "--port=" + port, base.toString())
                    .redirectErrorStream(true).redirectOutput(base.resolve("daemon.log").toFile()).start();
            awaitListening(port);
            return new GitRepository(base, daemon, "git://127.0.0.1:" + port + "/" + name + ".git");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code git <args>} in the bare repository, its output. */
    String inRepository(String name, String... args) {
        List<String> command = new ArrayList<>(List.of("--git-dir=" + base.resolve(name + ".git")));
        command.addAll(List.of(args));
        return git(base, command.toArray(String[]::new));
    }

    private static String git(Path directory, String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + ": " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitListening(int port) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return true;
            }
        });
    }

    @Override
    public void close() {
        daemon.destroy();
    }
}
