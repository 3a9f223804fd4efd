package io.raffinerie.model.environment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataEnvironmentSpec;
import io.raffinerie.api.v1alpha1.EgressRule;
import io.raffinerie.api.v1alpha1.NetworkSpec;
import io.raffinerie.api.v1alpha1.Quota;
import io.raffinerie.model.Reasons;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentValidationTest {
    private static DataEnvironment environment(String name, DataEnvironmentSpec spec) {
        DataEnvironment environment = new DataEnvironment();
        environment.setMetadata(new ObjectMetaBuilder().withName(name).build());
        environment.setSpec(spec);
        return environment;
    }

    @Test
    void namespaceDefaultsToTheName() {
        assertThat(EnvironmentModel.namespaceOf(environment("sales-dev", new DataEnvironmentSpec()))).isEqualTo("sales-dev");
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "kube-system", "kube-public", "raffinerie-system"})
    void systemAndOperatorNamespacesAreRefused(String namespace) {
        DataEnvironmentSpec spec = new DataEnvironmentSpec();
        spec.namespace = namespace;
        assertThat(EnvironmentValidation.validate(environment("grab", spec), "raffinerie-system"))
                .hasValueSatisfying(p -> assertThat(p.reason()).isEqualTo(Reasons.NAMESPACE_CONFLICT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.20.0.0/16", "0.0.0.0/0", "192.168.1.7/32", "fd00::/8", "2001:db8::1/128"})
    void validCidrsPass(String cidr) {
        assertThat(EnvironmentValidation.checkEgress("egress[0]", egress(cidr))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.20.0.0", "10.20.0.0/33", "300.1.1.1/8", "warehouse/16", "1:2:3:4:5:6:7:8:9/64", "::1::/64"})
    void badCidrsAreNamed(String cidr) {
        DataEnvironmentSpec spec = new DataEnvironmentSpec();
        spec.network = new NetworkSpec();
        spec.network.egress = List.of(egress(cidr));
        assertThat(EnvironmentValidation.validate(environment("sales-dev", spec), "raffinerie-system"))
                .hasValueSatisfying(p -> assertThat(p.message()).startsWith("spec.network.egress[0].cidr").contains(cidr));
    }

    @Test
    void negativeQuotaIsNamed() {
        DataEnvironmentSpec spec = new DataEnvironmentSpec();
        spec.quota = new Quota();
        spec.quota.cpu = "-2";
        assertThat(EnvironmentValidation.validate(environment("sales-dev", spec), "raffinerie-system"))
                .hasValueSatisfying(p -> assertThat(p.message()).isEqualTo("spec.quota.cpu: -2 must not be negative"));
    }

    @Test
    void namespaceClaims() {
        DataEnvironment sales = environment("sales-dev", new DataEnvironmentSpec());
        assertThat(NamespaceModel.checkClaim(sales, null)).isEmpty();
        assertThat(NamespaceModel.checkClaim(sales, new NamespaceBuilder().withNewMetadata().withName("sales-dev")
                .withLabels(Map.of(EnvironmentModel.ENVIRONMENT_LABEL, "sales-dev")).endMetadata().build())).isEmpty();
        assertThat(NamespaceModel.checkClaim(sales, new NamespaceBuilder().withNewMetadata().withName("sales-dev")
                .endMetadata().build())).hasValueSatisfying(p -> assertThat(p.message()).contains("belongs to no environment"));
        assertThat(NamespaceModel.checkClaim(sales, new NamespaceBuilder().withNewMetadata().withName("sales-dev")
                .withLabels(Map.of(EnvironmentModel.ENVIRONMENT_LABEL, "finance")).endMetadata().build()))
                .hasValueSatisfying(p -> assertThat(p.message()).isEqualTo("namespace sales-dev belongs to DataEnvironment finance"));
    }

    @Test
    void desiredNamespaceEnforcesRestrictedPodSecurity() {
        var namespace = NamespaceModel.desired(environment("sales-dev", new DataEnvironmentSpec()), null);
        assertThat(namespace.getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted")
                .containsEntry("pod-security.kubernetes.io/audit", "restricted")
                .containsEntry("pod-security.kubernetes.io/warn", "restricted")
                .containsEntry(EnvironmentModel.ENVIRONMENT_LABEL, "sales-dev");
        assertThat(NamespaceModel.createdByOperator(namespace)).isTrue();
    }

    private static EgressRule egress(String cidr) {
        EgressRule rule = new EgressRule();
        rule.cidr = cidr;
        rule.ports = List.of(5432);
        return rule;
    }
}
