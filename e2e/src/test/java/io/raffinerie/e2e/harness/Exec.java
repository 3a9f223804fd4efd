package io.raffinerie.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command with a timeout. Output goes to temporary files, not pipes: a script that leaves
 * a daemon behind (up.sh starts the cluster) cannot keep the caller waiting for the end of a pipe.
 */
final class Exec {

    private Exec() {
    }

    /** Runs {@code command}; with {@code stderrLog} set, stderr is appended to that file instead of captured. */
    static ExecResult run(List<String> command, Map<String, String> env, String stdin, Duration timeout,
            Path stderrLog) {
        Path out = null;
        Path err = null;
        Path in = null;
        try {
            out = Files.createTempFile("e2e-exec", ".out");
            err = Files.createTempFile("e2e-exec", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(stderrLog != null
                            ? ProcessBuilder.Redirect.appendTo(stderrLog.toFile())
                            : ProcessBuilder.Redirect.to(err.toFile()));
            if (stdin != null) {
                in = Files.createTempFile("e2e-exec", ".in");
                Files.writeString(in, stdin);
                builder.redirectInput(in.toFile());
            } else {
                builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            }
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                return new ExecResult(command, -1, read(out), (stderrLog != null ? "(stderr in " + stderrLog + ")" : read(err))
                        + "\n(timed out after " + timeout + ")");
            }
            String stderr = stderrLog != null ? "(stderr in " + stderrLog + ")" : read(err);
            return new ExecResult(command, process.exitValue(), read(out), stderr);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } finally {
            delete(out);
            delete(err);
            delete(in);
        }
    }

    private static String read(Path path) throws IOException {
        return Files.readString(path, StandardCharsets.UTF_8);
    }

    private static void delete(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a temporary file
            }
        }
    }
}
