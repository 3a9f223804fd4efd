package io.raffinerie.model;

/**
 * Label values that carry a user's name: the DataJob, DataRun, step, pipeline or environment an object belongs to.
 * Object names may have up to 253 characters but label values at most 63, alphanumeric at both ends. A name that
 * fits is its own label value, so nothing changes for short names; a longer one keeps a readable prefix and ends with
 * a hash of the full name, exactly as {@link ChildNames} shortens object names. Whoever reads such a label back
 * compares it with {@link #of} of the candidate's name, never with the name itself.
 */
public final class LabelValues {
    public static final int MAX_LENGTH = 63;

    private LabelValues() {
    }

    /** The label value that stands for {@code name}: the name itself when it fits, else shortened with a hash. */
    public static String of(String name) {
        return name == null ? null : ChildNames.ofMaxLength(MAX_LENGTH, name);
    }

    /** Whether the label value stands for that name. */
    public static boolean standsFor(String labelValue, String name) {
        return labelValue != null && name != null && labelValue.equals(of(name));
    }
}
