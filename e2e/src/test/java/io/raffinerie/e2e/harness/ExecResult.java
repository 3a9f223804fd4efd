package io.raffinerie.e2e.harness;

import java.util.List;

/** Outcome of an external command (kubectl, a script): its exit code and what it printed. */
public record ExecResult(List<String> command, int exitCode, String stdout, String stderr) {

    public boolean ok() {
        return exitCode == 0;
    }

    /** Throws unless the command exited with 0; returns this for chaining. */
    public ExecResult assertOk() {
        if (!ok()) {
            throw new IllegalStateException(describe());
        }
        return this;
    }

    public String describe() {
        return String.join(" ", command) + " exited with " + exitCode
                + (stdout.isBlank() ? "" : "\nstdout:\n" + stdout)
                + (stderr.isBlank() ? "" : "\nstderr:\n" + stderr);
    }

    @Override
    public String toString() {
        return describe();
    }
}
