package io.raffinerie.model.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretReferencesTest {
    /** A pod as its Job created it: an environment secret, the job's own secret, and a whole Secret by envFrom. */
    private static final PodSpec POD = new PodSpecBuilder()
            .addNewInitContainer().withName("init").addNewEnv().withName("INIT_TOKEN").withNewValueFrom().withNewSecretKeyRef()
            .withName("init").withKey("token").endSecretKeyRef().endValueFrom().endEnv().endInitContainer()
            .addNewContainer().withName("main")
            .addNewEnv().withName("DAY").withValue("today").endEnv()
            .addNewEnv().withName("WAREHOUSE_PASSWORD").withNewValueFrom().withNewSecretKeyRef().withName("warehouse")
            .withKey("password").endSecretKeyRef().endValueFrom().endEnv()
            .addNewEnv().withName("AGAIN").withNewValueFrom().withNewSecretKeyRef().withName("warehouse")
            .withKey("password").endSecretKeyRef().endValueFrom().endEnv()
            .addNewEnvFrom().withNewConfigMapRef("raffinerie-variables", true).endEnvFrom()
            .addNewEnvFrom().withNewSecretRef("bundle", false).endEnvFrom()
            .endContainer().build();

    private static Secret secret(String name, Map<String, String> values) {
        SecretBuilder secret = new SecretBuilder().withNewMetadata().withName(name).endMetadata();
        values.forEach((key, value) -> secret.addToData(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return secret.build();
    }

    @Test
    void theReferencesAreWhatThePodWasGivenEachOnce() {
        assertThat(SecretReferences.of(POD)).containsExactly(new SecretReferences.Ref("init", "token"),
                new SecretReferences.Ref("warehouse", "password"), new SecretReferences.Ref("bundle", null));
        assertThat(SecretReferences.names(SecretReferences.of(POD))).containsExactly("bundle", "init", "warehouse");
        assertThat(SecretReferences.of(null)).isEmpty();
    }

    @Test
    void theValuesAreTheReferencedKeysAndEveryKeyOfAnEnvFromSecret() {
        SecretReferences.Values values = SecretReferences.values(SecretReferences.of(POD), Map.of(
                "init", secret("init", Map.of("token", "init-token-1", "unused", "not-given")),
                "warehouse", secret("warehouse", Map.of("password", "s3cr3t-warehouse")),
                "bundle", secret("bundle", Map.of("a", "bundle-a-value", "b", "bundle-b-value"))));
        assertThat(values.gone()).isEmpty();
        assertThat(values.values()).containsExactlyInAnyOrder("init-token-1", "s3cr3t-warehouse", "bundle-a-value", "bundle-b-value");
    }

    @Test
    void aSecretOrKeyGoneSinceThePodStartedIsNamedSoThatTheTailIsWithheld() {
        SecretReferences.Values values = SecretReferences.values(SecretReferences.of(POD), Map.of(
                "init", secret("init", Map.of("other", "x")),
                "bundle", secret("bundle", Map.of("a", "bundle-a-value"))));
        assertThat(values.gone()).containsExactly("Secret warehouse", "key token of Secret init");
        assertThat(values.values()).containsExactly("bundle-a-value");
        assertThat(SecretReferences.withheld(Set.of("Secret warehouse"))).isEqualTo(
                "(log tail withheld: the step ran with Secret warehouse, which no longer exists, so its values cannot be masked)");
    }

    @Test
    void stringDataIsReadWhenThereIsNoData() {
        Secret secret = new SecretBuilder().withNewMetadata().withName("s").endMetadata().addToStringData("k", "plain").build();
        assertThat(SecretReferences.decoded(secret)).containsEntry("k", "plain");
    }
}
