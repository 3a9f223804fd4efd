package io.raffinerie.cli;

import io.raffinerie.api.v1alpha1.RunPhase;

/** The plugin's exit codes (docs/cli.md): a watched run's result, then the kinds of error. */
public final class ExitCodes {
    public static final int SUCCEEDED = 0;
    public static final int FAILED = 1;
    public static final int CANCELLED = 2;
    /** Bad input: an unknown run, job, pipeline, step, context or parameter; a missing parameter; a usage error. */
    public static final int INVALID = 3;
    /** The API server refused the action (RBAC: HTTP 403). */
    public static final int FORBIDDEN = 4;
    /** Any other error talking to the cluster: unreachable, refused by admission, timed out. */
    public static final int CLUSTER = 5;

    private ExitCodes() {
    }

    /** The exit code of a finished run: 0 Succeeded, 1 Failed, 2 Cancelled. */
    public static int of(RunPhase phase) {
        if (phase == RunPhase.Succeeded) {
            return SUCCEEDED;
        }
        return phase == RunPhase.Cancelled ? CANCELLED : FAILED;
    }
}
