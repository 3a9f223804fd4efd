package io.raffinerie.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Another engine's controller, a binary of {@code e2e/tools/build.sh --bench}, as a process of the bench. */
final class EngineProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private EngineProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static EngineProcess start(List<String> command, Map<String, String> env, Path log) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            EngineProcess engine = new EngineProcess(builder.start(), log);
            Runtime.getRuntime().addShutdownHook(new Thread(engine.process::destroyForcibly));
            return engine;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** Fails, naming the log, once the controller has exited. */
    void assertAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the controller exited with " + process.exitValue() + "; see " + log);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
