package io.raffinerie.api.v1alpha1;

/** Names of the API itself. */
public final class Api {
    public static final String GROUP = "raffinerie.io";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    public static final String CATEGORY = "raffinerie";
    static final String READY_STATUS = ".status.conditions[?(@.type==\"Ready\")].status";
    static final String READY_REASON = ".status.conditions[?(@.type==\"Ready\")].reason";

    private Api() {
    }
}
