package io.raffinerie.api.v1alpha1;

/** Patterns and CEL snippets shared by the schema annotations. */
public final class Patterns {
    /** RFC 1123 label: a namespace, a step, a Job name. */
    public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    /** RFC 1123 subdomain: an object name. */
    public static final String DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    /** An environment variable (and parameter) name. */
    public static final String ENV_NAME = "^[A-Za-z_][A-Za-z0-9_]*$";
    /** A duration such as 90s, 30m, 1h30m or 2d. */
    public static final String DURATION = "^([0-9]{1,6}(ms|s|m|h|d))+$";
    /** A key of a Secret. */
    public static final String SECRET_KEY = "^[-._a-zA-Z0-9]+$";
    /** A CEL check that a string is a non-negative resource quantity. */
    public static final String NON_NEGATIVE_QUANTITY = "isQuantity(self) && !quantity(self).isLessThan(quantity('0'))";
    public static final String NON_NEGATIVE_QUANTITY_MESSAGE = "must be a non-negative quantity, such as 500m, 2 or 4Gi";

    private Patterns() {
    }
}
