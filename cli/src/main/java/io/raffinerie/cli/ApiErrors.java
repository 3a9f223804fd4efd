package io.raffinerie.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the API server's refusals mean for a user, and what to do about them. */
public final class ApiErrors {
    /** The RBAC authorizer's message: {@code User "bob" cannot create resource "dataruns" in API group "raffinerie.io" ...}. */
    private static final Pattern FORBIDDEN = Pattern.compile("(?:User|user) \"([^\"]*)\" cannot (\\S+) resource \"([^\"]+)\""
            + "(?: in API group \"([^\"]*)\")?(?: in the namespace \"([^\"]*)\")?");

    private ApiErrors() {
    }

    /** The error a user sees for a failed API call. */
    public static CliException explain(KubernetesClientException e) {
        String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
        if (e.getCode() == 403) {
            return new CliException(ExitCodes.FORBIDDEN, forbidden(message));
        }
        if (e.getCode() == 0) {
            return new CliException(ExitCodes.CLUSTER, "cannot reach the cluster: " + rootCause(e)
                    + "; check the kubeconfig's context (--context) and that the API server is up (kubectl cluster-info)");
        }
        if (e.getCode() == 422 || e.getCode() == 400) {
            return new CliException(ExitCodes.INVALID, "the API server refused the request: " + message);
        }
        return new CliException(ExitCodes.CLUSTER, "the API server answered " + e.getCode() + ": " + message);
    }

    /**
     * A forbidden action, naming the RBAC verb and resource from the API server's message, and the kubectl command
     * that checks it.
     */
    public static String forbidden(String message) {
        Matcher matcher = FORBIDDEN.matcher(message == null ? "" : message);
        if (!matcher.find()) {
            return "forbidden: " + message + "; ask an administrator of the environment for a role that allows it";
        }
        String user = matcher.group(1);
        String verb = matcher.group(2);
        String resource = matcher.group(3);
        String group = matcher.group(4);
        String namespace = matcher.group(5);
        String qualified = group == null || group.isEmpty() ? resource : resource + "." + group;
        String where = namespace == null ? " (cluster-wide)" : " in namespace " + namespace;
        return "forbidden: " + user + " may not " + verb + " " + qualified + where + " (RBAC verb \"" + verb + "\" on resource \""
                + qualified + "\"). Ask for a role that grants it (for DataRuns: the environment's editor role, ClusterRole"
                + " raffinerie-editor); check with: kubectl auth can-i " + verb + " " + qualified
                + (namespace == null ? "" : " -n " + namespace);
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? "no answer (" + e.getMessage() + ")" : cause.getMessage();
    }
}
