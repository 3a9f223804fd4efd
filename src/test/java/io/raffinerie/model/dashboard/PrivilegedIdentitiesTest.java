package io.raffinerie.model.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrivilegedIdentitiesTest {
    final PrivilegedIdentities chart = PrivilegedIdentities.of(List.of("system:nodes", "platform-admins"),
            List.of("system:admin", "system:node:*", "system:serviceaccount:kube-system:*"), "raffinerie-system");

    @Test
    void systemMastersIsRefusedEvenWhenNothingIsConfigured() {
        PrivilegedIdentities none = PrivilegedIdentities.of(List.of(), List.of(), "raffinerie-system");
        assertThat(none.refusal("eve@example.com", List.of("sales", "system:masters")))
                .hasValueSatisfying(message -> assertThat(message).contains("privileged group system:masters"));
        assertThat(none.refusal("eve@example.com", List.of("sales", "system:authenticated"))).isEmpty();
    }

    @Test
    void theOperatorsAndTheDashboardsOwnServiceAccountsAreAlwaysRefused() {
        PrivilegedIdentities none = PrivilegedIdentities.of(null, null, "raffinerie-system");
        assertThat(none.refusal("system:serviceaccount:raffinerie-system:raffinerie-operator", List.of()))
                .hasValueSatisfying(message -> assertThat(message).contains("privileged user")
                        .contains("system:serviceaccount:raffinerie-system:*"));
        assertThat(none.refusal("system:serviceaccount:raffinerie-system:raffinerie-dashboard", List.of())).isPresent();
        assertThat(none.refusal("system:serviceaccount:sales-dev:ci", List.of())).isEmpty();
    }

    @Test
    void theChartsGroupsAndUsersAreRefusedWithPrefixPatterns() {
        assertThat(chart.refusal("alice", List.of("platform-admins"))).isPresent();
        assertThat(chart.refusal("system:admin", List.of())).isPresent();
        assertThat(chart.refusal("system:node:worker-1", List.of())).isPresent();
        assertThat(chart.refusal("system:serviceaccount:kube-system:clusterrole-aggregation-controller", List.of())).isPresent();
        assertThat(chart.refusal("system:administrator", List.of())).as("exact names are exact").isEmpty();
        assertThat(chart.refusal("alice", List.of("platform-admins-readers"))).isEmpty();
        assertThat(chart.refusal("system:serviceaccount:people:editor", List.of("system:serviceaccounts"))).isEmpty();
    }

    @Test
    void aLoneWildcardRefusesNobodyRatherThanEverybodyAndANamelessUserIsRefused() {
        PrivilegedIdentities wildcard = PrivilegedIdentities.of(List.of("*", " "), List.of("*"), "raffinerie-system");
        assertThat(wildcard.refusal("alice", List.of("sales"))).isEmpty();
        assertThat(wildcard.refusal(" ", List.of())).hasValueSatisfying(message -> assertThat(message).contains("without a name"));
    }
}
