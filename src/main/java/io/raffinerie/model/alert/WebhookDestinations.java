package io.raffinerie.model.alert;

import io.raffinerie.model.environment.Cidrs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where alert webhooks may go. A namespace manager chooses the URL, and the operator sends from inside the cluster:
 * without these rules a webhook could reach what only the operator reaches (the API server, a cloud's metadata
 * service, another namespace's services). Addresses in the special and private ranges are refused unless the
 * cluster administrator allows them (the chart's alerts.allowedDestinations); more ranges can be refused
 * (alerts.deniedDestinations: the cluster's service and pod ranges when they are not private addresses).
 */
public final class WebhookDestinations {
    /** Ranges no webhook reaches by default, with what they are, in the words of the refusal. */
    static final List<Range> REFUSED = List.of(
            Range.of("0.0.0.0/8", "an unspecified"),
            Range.of("127.0.0.0/8", "a loopback"),
            Range.of("169.254.0.0/16", "a link-local (cloud metadata)"),
            Range.of("10.0.0.0/8", "a private (cluster service or pod)"),
            Range.of("172.16.0.0/12", "a private (cluster service or pod)"),
            Range.of("192.168.0.0/16", "a private (cluster service or pod)"),
            Range.of("100.64.0.0/10", "a shared (carrier-grade NAT, cloud metadata)"),
            Range.of("192.0.0.0/24", "a reserved"),
            Range.of("198.18.0.0/15", "a reserved"),
            Range.of("224.0.0.0/4", "a multicast"),
            Range.of("240.0.0.0/4", "a reserved"),
            Range.of("::1/128", "a loopback"),
            Range.of("::/96", "an unspecified or IPv4-compatible"),
            Range.of("fe80::/10", "a link-local (cloud metadata)"),
            Range.of("fc00::/7", "a unique local (cluster service or pod, cloud metadata)"),
            Range.of("ff00::/8", "a multicast"));
    /** IPv4-mapped and NAT64 addresses: the IPv4 address they carry is checked as itself. */
    private static final List<Range> CARRYING_IPV4 = List.of(Range.of("::ffff:0:0/96", "an IPv4-mapped"),
            Range.of("64:ff9b::/96", "a NAT64"));

    private final List<Range> allowed;
    private final List<Range> denied;

    /**
     * @param allowed CIDRs webhooks may reach even in a refused range (the setting alerts.allowed-destinations)
     * @param denied more CIDRs they may not reach (alerts.denied-destinations)
     * @throws IllegalArgumentException naming the setting and the value that is not a CIDR
     */
    public WebhookDestinations(List<String> allowed, List<String> denied) {
        this.allowed = parse("raffinerie.alerts.allowed-destinations", allowed, "allowed");
        this.denied = parse("raffinerie.alerts.denied-destinations", denied, "a denied");
    }

    /**
     * Why a webhook whose host resolved to {@code addresses} (their bytes: 4 for IPv4, 16 for IPv6) may not be sent, if it may not: every address is checked,
     * so that a name answering a public address and a private one cannot pass. The sentence names neither the host
     * nor the address, which may be part of a secret URL.
     */
    public Optional<String> refusal(List<byte[]> addresses) {
        for (byte[] address : addresses) {
            Optional<String> why = refusal(address);
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }

    private Optional<String> refusal(byte[] address) {
        if (allowed.stream().anyMatch(r -> r.contains(address))) {
            return Optional.empty();
        }
        if (CARRYING_IPV4.stream().anyMatch(r -> r.contains(address))) {
            return refusal(new byte[] {address[12], address[13], address[14], address[15]});
        }
        return denied.stream().filter(r -> r.contains(address)).findFirst()
                .or(() -> REFUSED.stream().filter(r -> r.contains(address)).findFirst())
                .map(r -> "the webhook's host resolves to " + r.what() + " address, which alerts may not reach;"
                        + " a cluster administrator may allow it with the chart's alerts.allowedDestinations");
    }

    private static List<Range> parse(String setting, List<String> cidrs, String what) {
        List<Range> ranges = new ArrayList<>();
        for (String cidr : cidrs == null ? List.<String>of() : cidrs) {
            String trimmed = cidr.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!Cidrs.isValid(trimmed)) {
                throw new IllegalArgumentException(setting + ": \"" + trimmed + "\" is not a CIDR (for example 10.20.0.0/16 or"
                        + " fd00:1::/64; a single address is 10.20.0.5/32)");
            }
            ranges.add(Range.of(trimmed, what));
        }
        return List.copyOf(ranges);
    }

    /** An address range. */
    record Range(byte[] network, int prefix, String what) {
        /** {@code cidr} is valid (checked by {@link Cidrs}): an address literal, never a name to resolve. */
        static Range of(String cidr, String what) {
            int slash = cidr.indexOf('/');
            byte[] network = Cidrs.address(cidr.substring(0, slash))
                    .orElseThrow(() -> new IllegalArgumentException(cidr + " is not an address range"));
            return new Range(network, Integer.parseInt(cidr.substring(slash + 1)), what);
        }

        boolean contains(byte[] bytes) {
            if (bytes.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (bytes[full] & mask) == (network[full] & mask);
        }
    }
}
