package io.raffinerie.model.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProxyProofTest {
    static final String HEADER = "X-Raffinerie-Proxy-Secret";
    static final Optional<String> SECRET = Optional.of("the-proxy-s-shared-secret");

    @Test
    void theProxysSecretProvesTheHeaders() {
        assertThat(ProxyProof.refusal(SECRET, HEADER, "the-proxy-s-shared-secret")).isEmpty();
        assertThat(ProxyProof.refusal(SECRET, HEADER, " the-proxy-s-shared-secret\n")).as("as a file or env value may end").isEmpty();
    }

    @Test
    void aMissingOrWrongSecretIsRefusedNamingTheHeader() {
        assertThat(ProxyProof.refusal(SECRET, HEADER, null)).hasValueSatisfying(m -> assertThat(m).contains("not the proxy's secret header " + HEADER));
        assertThat(ProxyProof.refusal(SECRET, HEADER, "")).isPresent();
        assertThat(ProxyProof.refusal(SECRET, HEADER, "the-proxy-s-shared-secreT")).hasValueSatisfying(m -> assertThat(m).contains("is wrong"));
        assertThat(ProxyProof.refusal(SECRET, HEADER, "the-proxy-s-shared-secret-and-more")).isPresent();
        assertThat(ProxyProof.refusal(SECRET, HEADER, "the-proxy")).as("a prefix").isPresent();
    }

    @Test
    void withoutAConfiguredSecretNothingIsProven() {
        assertThat(ProxyProof.refusal(Optional.empty(), HEADER, "anything"))
                .hasValueSatisfying(m -> assertThat(m).contains("RAFFINERIE_DASHBOARD_PROXY_AUTH_SECRET"));
        assertThat(ProxyProof.refusal(Optional.of("  "), HEADER, "  ")).isPresent();
    }
}
