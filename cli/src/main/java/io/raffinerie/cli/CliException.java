package io.raffinerie.cli;

/** An expected error: its message names the problem and what to do; printed without a stack trace. */
public class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public static CliException invalid(String message) {
        return new CliException(ExitCodes.INVALID, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
