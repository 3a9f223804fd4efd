package io.raffinerie.api.v1alpha1;

/**
 * Patterns and CEL snippets shared by the schema annotations. A format a user writes is checked by a CEL rule with a
 * message saying what is expected, not by a bare {@code pattern}: the API server answers a pattern with the regex,
 * and a rule with its message, after the field and the bad value ({@code spec.timeout: Invalid value: "30 minutes":
 * must be a duration: ...}). The regexes are written without backslashes so that they fit a CEL string as they are.
 */
public final class Patterns {
    /** RFC 1123 label: a namespace, a step, a Job name. */
    public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    public static final String DNS_LABEL_RULE = "self.matches('" + DNS_LABEL + "')";
    public static final String DNS_LABEL_MESSAGE = "must be a name of lowercase letters, digits and '-', starting and ending "
            + "with a letter or digit, such as extract-orders";
    /** RFC 1123 subdomain: an object name. */
    public static final String DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    public static final String DNS_SUBDOMAIN_RULE = "self.matches('" + DNS_SUBDOMAIN + "')";
    public static final String DNS_SUBDOMAIN_MESSAGE = "must be an object name of lowercase letters, digits, '-' and '.', "
            + "starting and ending with a letter or digit, such as load-warehouse";
    /** An environment variable (and parameter) name. */
    public static final String ENV_NAME = "^[A-Za-z_][A-Za-z0-9_]*$";
    /** A job result's name: a CEL identifier, so that when conditions can write steps.NAME.results.RESULT. */
    public static final String RESULT_NAME = ENV_NAME;
    public static final String RESULT_NAME_MESSAGE = "a result name is letters, digits and '_', not starting with a digit";
    public static final String ENV_NAME_RULE = "self.matches('" + ENV_NAME + "')";
    public static final String ENV_NAME_MESSAGE = "must be a variable name of letters, digits and '_', not starting with a digit, "
            + "such as DAY or RUN_DATE";
    /** A duration such as 90s, 30m, 1h30m or 2d. */
    public static final String DURATION = "^([0-9]{1,6}(ms|s|m|h|d))+$";
    /** How to write a duration, for the messages of the schema and of the operator. */
    public static final String DURATION_HINT = "a number and a unit (ms, s, m, h or d), such as 90s, 30m, 2h or 1h30m";
    public static final String DURATION_RULE = "self.matches('" + DURATION + "')";
    public static final String DURATION_MESSAGE = "must be a duration: " + DURATION_HINT;
    /** A key of a Secret. */
    public static final String SECRET_KEY = "^[-._a-zA-Z0-9]+$";
    public static final String SECRET_KEY_RULE = "self.matches('" + SECRET_KEY + "')";
    public static final String SECRET_KEY_MESSAGE = "must be a Secret key of letters, digits, '-', '_' and '.', such as password";
    /** A technology of the catalog. */
    public static final String TECHNOLOGY_RULE = "self.matches('^[a-z][a-z0-9-]*$')";
    public static final String TECHNOLOGY_MESSAGE = "must be a technology name of lowercase letters, digits and '-', "
            + "such as python";
    /** A DataTechnology's name: what jobs put in spec.technology (at most 32 characters). */
    public static final String TECHNOLOGY_NAME_RULE = "self.metadata.name.matches('^[a-z][a-z0-9-]*$') && size(self.metadata.name) <= 32";
    public static final String TECHNOLOGY_NAME_MESSAGE = "metadata.name: a technology name is at most 32 lowercase letters,"
            + " digits and '-', starting with a letter, such as python (jobs name it in spec.technology)";
    /** A version of a technology. */
    public static final String VERSION_RULE = "self.matches('^[A-Za-z0-9][-._A-Za-z0-9]*$')";
    public static final String VERSION_MESSAGE = "must be a version of letters, digits, '-', '_' and '.', such as 3.12";
    /** A memory size as Spark reads it. */
    public static final String SPARK_MEMORY_RULE = "self.matches('^[0-9]+[kmgtKMGT]?$')";
    public static final String SPARK_MEMORY_MESSAGE = "must be a size in bytes with an optional unit k, m, g or t, such as 512m or 4g";
    /** A CEL check that a string is a non-negative resource quantity. */
    public static final String NON_NEGATIVE_QUANTITY = "isQuantity(self) && !quantity(self).isLessThan(quantity('0'))";
    public static final String NON_NEGATIVE_QUANTITY_MESSAGE = "must be a non-negative quantity, such as 500m, 2 or 4Gi";
    /*
     * Messages with values in them: the API server estimates the cost of a messageExpression like a rule's, and cannot
     * bound the size of a value taken from a filtered list or converted from a number. Such values go through
     * format(), whose cost does not depend on them, never through '+'.
     */
    /** Parameter names are unique: the rule, its message, and the message naming the duplicate. */
    public static final String UNIQUE_PARAMETERS = "!has(self.parameters) || self.parameters.all(p, self.parameters.exists_one(q, q.name == p.name))";
    public static final String UNIQUE_PARAMETERS_MESSAGE = "parameter names must be unique";
    public static final String UNIQUE_PARAMETERS_MESSAGE_EXPRESSION = "'parameter \"%s\" is declared more than once; parameter names "
            + "must be unique'.format([self.parameters.filter(p, !self.parameters.exists_one(q, q.name == p.name))[0].name])";
    /**
     * The operator's own spark-submit settings, which a job may not override: spark.kubernetes.* (namespace,
     * identity, image, labels, and the volumes, Secrets and pod templates that would get around the runner's rules),
     * spark.master and spark.submit.deployMode.
     */
    public static final String SPARK_OWN_KEY = "k.startsWith('spark.kubernetes.') || k in ['spark.master', 'spark.submit.deployMode']";
    public static final String SPARK_CONF_RULE = "!self.exists(k, " + SPARK_OWN_KEY + ")";
    public static final String SPARK_CONF_MESSAGE = "spark.kubernetes.*, spark.master and spark.submit.deployMode are set by the operator";
    public static final String SPARK_CONF_MESSAGE_EXPRESSION = "'\"%s\" is set by the operator and may not be overridden"
            + " (spark.kubernetes.*, spark.master and spark.submit.deployMode); size the driver and executors with spec.spark"
            + ".driver and spec.spark.executor'.format([self.filter(k, " + SPARK_OWN_KEY + ")[0]])";

    private Patterns() {
    }
}
