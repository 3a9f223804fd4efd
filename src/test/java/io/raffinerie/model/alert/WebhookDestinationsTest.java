package io.raffinerie.model.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raffinerie.model.environment.Cidrs;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookDestinationsTest {
    private static final WebhookDestinations DEFAULTS = new WebhookDestinations(List.of(), List.of());

    /** Address literals only: no name is resolved here. */
    private static List<byte[]> addresses(String... literals) {
        return Arrays.stream(literals).map(a -> Cidrs.address(a).orElseThrow(() -> new AssertionError(a))).toList();
    }

    private static Optional<String> refusal(WebhookDestinations rules, String... literals) {
        return rules.refusal(addresses(literals));
    }

    @Test
    void publicAddressesMayBeReached() {
        assertThat(refusal(DEFAULTS, "203.0.113.7", "8.8.8.8", "2001:db8::1", "2606:4700::1111")).isEmpty();
    }

    @Test
    void loopbackLinkLocalMetadataAndUnspecifiedAreRefused() {
        assertThat(refusal(DEFAULTS, "127.0.0.1")).hasValueSatisfying(r -> assertThat(r).contains("a loopback address"));
        assertThat(refusal(DEFAULTS, "127.8.9.10")).hasValueSatisfying(r -> assertThat(r).contains("loopback"));
        assertThat(refusal(DEFAULTS, "::1")).hasValueSatisfying(r -> assertThat(r).contains("a loopback address"));
        assertThat(refusal(DEFAULTS, "::ffff:127.0.0.1")).as("IPv4-mapped").hasValueSatisfying(r -> assertThat(r).contains("loopback"));
        assertThat(refusal(DEFAULTS, "169.254.169.254")).hasValueSatisfying(r -> assertThat(r).contains("cloud metadata"));
        assertThat(refusal(DEFAULTS, "fd00:ec2::254")).as("AWS metadata over IPv6").isPresent();
        assertThat(refusal(DEFAULTS, "100.100.100.200")).as("Alibaba metadata").isPresent();
        assertThat(refusal(DEFAULTS, "fe80::1")).isPresent();
        assertThat(refusal(DEFAULTS, "0.0.0.0")).isPresent();
        assertThat(refusal(DEFAULTS, "::")).isPresent();
        assertThat(refusal(DEFAULTS, "224.0.0.1")).isPresent();
        assertThat(refusal(DEFAULTS, "255.255.255.255")).isPresent();
        assertThat(refusal(DEFAULTS, "64:ff9b::7f00:1")).as("NAT64 of 127.0.0.1").hasValueSatisfying(r -> assertThat(r).contains("loopback"));
        assertThat(refusal(DEFAULTS, "64:ff9b::cb00:7107")).as("NAT64 of a public address").isEmpty();
    }

    @Test
    void theClusterServiceAndPodRangesArePrivateAndRefused() {
        for (String address : List.of("10.96.0.1", "10.244.3.17", "172.20.0.10", "192.168.1.1", "fd12:3456::1")) {
            assertThat(refusal(DEFAULTS, address)).as(address).hasValueSatisfying(r -> assertThat(r).contains("cluster service or pod"));
        }
    }

    @Test
    void addressLiteralsAreReadWithoutResolvingAnything() {
        assertThat(Cidrs.address("10.1.2.3")).hasValueSatisfying(b -> assertThat(b).containsExactly(10, 1, 2, 3));
        assertThat(Cidrs.address("::ffff:10.1.2.3")).hasValueSatisfying(b -> assertThat(b).hasSize(16).endsWith(10, 1, 2, 3));
        assertThat(Cidrs.address("fd00:ec2::254")).hasValueSatisfying(b -> assertThat(b).startsWith(0xfd, 0, 0x0e, 0xc2)
                .endsWith(0x02, 0x54));
        assertThat(Cidrs.address("1:2:3:4:5:6:7:8")).isPresent();
        for (String bad : List.of("hooks.example.com", "256.1.1.1", "1::2::3", "1:2:3:4:5:6:7", "12345::", "1:2:3:4:5:6:7:8:9")) {
            assertThat(Cidrs.address(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void everyAddressOfTheHostIsChecked() {
        assertThat(refusal(DEFAULTS, "203.0.113.7", "10.0.0.5")).as("a name answering a public and a private address").isPresent();
    }

    @Test
    void theRefusalNamesNeitherTheAddressNorTheHostAndSaysHowToAllowIt() {
        assertThat(refusal(DEFAULTS, "10.1.2.3")).hasValue("the webhook's host resolves to a private (cluster service or pod)"
                + " address, which alerts may not reach; a cluster administrator may allow it with the chart's alerts.allowedDestinations");
    }

    @Test
    void allowedDestinationsOpenExactlyTheirRange() {
        WebhookDestinations rules = new WebhookDestinations(List.of("10.20.0.0/16", " 127.0.0.1/32 "), List.of());
        assertThat(refusal(rules, "10.20.5.6")).isEmpty();
        assertThat(refusal(rules, "127.0.0.1")).isEmpty();
        assertThat(refusal(rules, "127.0.0.2")).isPresent();
        assertThat(refusal(rules, "10.21.0.1")).isPresent();
        assertThat(refusal(rules, "169.254.169.254")).isPresent();
    }

    @Test
    void deniedDestinationsCloseMoreRanges() {
        WebhookDestinations rules = new WebhookDestinations(List.of(), List.of("203.0.113.0/24", "2001:db8:1::/48"));
        assertThat(refusal(rules, "203.0.113.9")).hasValueSatisfying(r -> assertThat(r).contains("a denied address"));
        assertThat(refusal(rules, "2001:db8:1::5")).isPresent();
        assertThat(refusal(rules, "198.51.100.1")).isEmpty();
    }

    @Test
    void aSettingThatIsNotACidrIsNamed() {
        assertThatThrownBy(() -> new WebhookDestinations(List.of("hooks.example.com"), List.of()))
                .hasMessageStartingWith("raffinerie.alerts.allowed-destinations: \"hooks.example.com\" is not a CIDR");
        assertThatThrownBy(() -> new WebhookDestinations(List.of(), List.of("10.0.0.1")))
                .hasMessageStartingWith("raffinerie.alerts.denied-destinations: \"10.0.0.1\" is not a CIDR");
    }
}
