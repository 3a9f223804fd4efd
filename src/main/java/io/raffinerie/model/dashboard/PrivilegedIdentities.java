package io.raffinerie.model.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Identities the dashboard never acts for, whoever vouches for them (a TokenReview or the authenticating proxy):
 * impersonating them would hand the dashboard's caller the cluster. {@code system:masters} and the ServiceAccounts
 * of Raffinerie's own namespace are always refused; the chart adds more. A pattern ending in {@code *} is a prefix.
 */
public final class PrivilegedIdentities {
    public static final String MASTERS = "system:masters";

    private final Set<String> groups;
    private final Set<String> users;

    private PrivilegedIdentities(Set<String> groups, Set<String> users) {
        this.groups = groups;
        this.users = users;
    }

    /** The configured groups and users, plus what is always refused. */
    public static PrivilegedIdentities of(List<String> groups, List<String> users, String operatorNamespace) {
        Set<String> allGroups = new LinkedHashSet<>(List.of(MASTERS));
        allGroups.addAll(clean(groups));
        Set<String> allUsers = new LinkedHashSet<>(List.of("system:serviceaccount:" + operatorNamespace + ":*"));
        allUsers.addAll(clean(users));
        return new PrivilegedIdentities(Set.copyOf(allGroups), Set.copyOf(allUsers));
    }

    /** Why the dashboard refuses to act for this identity, or empty when it may. */
    public Optional<String> refusal(String user, List<String> userGroups) {
        if (user == null || user.isBlank()) {
            return Optional.of("The dashboard does not act for an identity without a name.");
        }
        Optional<String> refusedUser = users.stream().filter(pattern -> matches(pattern, user)).findFirst();
        if (refusedUser.isPresent()) {
            return Optional.of("The dashboard does not act for the privileged user " + user + " (refused: " + refusedUser.get()
                    + "). Use kubectl with your own credentials.");
        }
        for (String group : userGroups == null ? List.<String>of() : userGroups) {
            Optional<String> match = groups.stream().filter(pattern -> matches(pattern, group)).findFirst();
            if (match.isPresent()) {
                return Optional.of("The dashboard does not act for members of the privileged group " + group + " (refused: "
                        + match.get() + "). Use kubectl with your own credentials.");
            }
        }
        return Optional.empty();
    }

    static boolean matches(String pattern, String value) {
        return pattern.endsWith("*") ? value.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(value);
    }

    private static List<String> clean(List<String> values) {
        List<String> cleaned = new ArrayList<>();
        for (String value : values == null ? List.<String>of() : values) {
            if (value != null && !value.isBlank() && !value.trim().equals("*")) {
                cleaned.add(value.trim());
            }
        }
        return cleaned;
    }
}
