package io.raffinerie.e2e.cli;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An interactive shell in a terminal, as a person uses one: tmux runs it on its own server (a socket of this test),
 * keys are typed into it and the screen is read back. Completion is tested by typing TAB.
 */
final class Terminal implements AutoCloseable {
    private static final Duration SCREEN_TIMEOUT = Duration.ofSeconds(90);

    private final String socket;

    private Terminal(String socket) {
        this.socket = socket;
    }

    /** {@code shell} (such as {@code bash --norc -i}) in a 200x50 terminal, with {@code env} on top of this process's. */
    static Terminal start(String shell, Map<String, String> env) {
        Terminal terminal = new Terminal("raffinerie-e2e-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("HISTFILE", "/dev/null");
        all.put("TERM", "xterm");
        terminal.tmux(all, "new-session", "-d", "-s", "t", "-x", "200", "-y", "50", shell);
        return terminal;
    }

    /** Types the text as it is (no key names). */
    Terminal type(String text) {
        tmux(Map.of(), "send-keys", "-t", "t", "-l", "--", text);
        return this;
    }

    /**
     * Runs a command line and waits until it has ended (a marker it echoes shows, not the typed line, which reads
     * differently), then clears the screen: keys typed while a command runs may be dropped by the shell.
     */
    Terminal run(String commandLine) {
        type(commandLine + "; echo ENDED-$((6*7))").press("Enter");
        awaitScreen("ENDED-42");
        return clear();
    }

    /** Presses keys by their tmux names: Tab, Enter, C-u. */
    Terminal press(String... keys) {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", "t"));
        args.addAll(List.of(keys));
        tmux(Map.of(), args.toArray(String[]::new));
        return this;
    }

    String screen() {
        return tmux(Map.of(), "capture-pane", "-p", "-t", "t");
    }

    /** Waits until the screen shows the text; returns the screen. */
    String awaitScreen(String text) {
        AtomicReference<String> last = new AtomicReference<>("");
        try {
            await().atMost(SCREEN_TIMEOUT).pollInterval(Duration.ofMillis(300)).until(() -> {
                last.set(screen());
                return last.get().contains(text);
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the terminal did not show \"" + text + "\" within " + SCREEN_TIMEOUT + "; it shows:\n"
                    + last.get(), e);
        }
        return last.get();
    }

    /** Clears the screen and the line typed so far. */
    Terminal clear() {
        return press("C-u", "C-l");
    }

    @Override
    public void close() {
        tmux(Map.of(), "kill-server");
    }

    private String tmux(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(env);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0 && !args[0].equals("kill-server")) {
                throw new AssertionError(command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
