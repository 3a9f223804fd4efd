package io.raffinerie.model.environment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** IPv4 and IPv6 CIDR checks and address literals, without name resolution. */
public final class Cidrs {
    private static final Pattern IPV4 = Pattern.compile(
            "^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)/(3[0-2]|[12]?\\d)$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:]+(:(\\d{1,3}\\.){3}\\d{1,3})?/(12[0-8]|1[01]\\d|[1-9]?\\d)$");

    private Cidrs() {
    }

    public static boolean isValid(String cidr) {
        if (IPV4.matcher(cidr).matches()) {
            return true;
        }
        if (!IPV6.matcher(cidr).matches()) {
            return false;
        }
        String address = cidr.substring(0, cidr.indexOf('/'));
        int doubleColons = address.split("::", -1).length - 1;
        String[] groups = address.replace("::", ":x:").split(":");
        if (doubleColons > 1 || groups.length > 8) {
            return false;
        }
        for (String group : groups) {
            if (!group.isEmpty() && !group.equals("x") && !group.contains(".") && group.length() > 4) {
                return false;
            }
        }
        return doubleColons == 1 || groups.length == 8;
    }

    private static final Pattern IPV4_ADDRESS = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");
    private static final Pattern HEX_GROUP = Pattern.compile("^[0-9a-fA-F]{1,4}$");

    /** The bytes of an IPv4 (4) or IPv6 (16) address literal; empty when it is not one (never a name lookup). */
    public static Optional<byte[]> address(String literal) {
        var v4 = IPV4_ADDRESS.matcher(literal);
        if (v4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(v4.group(i + 1));
                if (part > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) part;
            }
            return Optional.of(bytes);
        }
        if (!literal.contains(":")) {
            return Optional.empty();
        }
        String text = literal;
        byte[] embedded = null;
        int lastColon = text.lastIndexOf(':');
        if (text.substring(lastColon + 1).contains(".")) {
            Optional<byte[]> v4Tail = address(text.substring(lastColon + 1));
            if (v4Tail.isEmpty()) {
                return Optional.empty();
            }
            embedded = v4Tail.get();
            text = text.substring(0, lastColon + 1) + "0:0"; // two groups, filled in below
        }
        String[] halves = text.split("::", -1);
        if (halves.length > 2) {
            return Optional.empty();
        }
        List<Integer> head = groups(halves[0]);
        List<Integer> tail = halves.length == 2 ? groups(halves[1]) : List.of();
        if (head == null || tail == null || head.size() + tail.size() > (halves.length == 2 ? 7 : 8)
                || halves.length == 1 && head.size() != 8) {
            return Optional.empty();
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < head.size(); i++) {
            bytes[2 * i] = (byte) (head.get(i) >> 8);
            bytes[2 * i + 1] = (byte) (int) head.get(i);
        }
        for (int i = 0; i < tail.size(); i++) {
            int at = 8 - tail.size() + i;
            bytes[2 * at] = (byte) (tail.get(i) >> 8);
            bytes[2 * at + 1] = (byte) (int) tail.get(i);
        }
        if (embedded != null) {
            System.arraycopy(embedded, 0, bytes, 12, 4);
        }
        return Optional.of(bytes);
    }

    /** The 16-bit groups of one side of "::"; null when one is not hexadecimal. */
    private static List<Integer> groups(String text) {
        List<Integer> groups = new ArrayList<>();
        if (text.isEmpty()) {
            return groups;
        }
        for (String group : text.split(":", -1)) {
            if (!HEX_GROUP.matcher(group).matches()) {
                return null;
            }
            groups.add(Integer.parseInt(group, 16));
        }
        return groups;
    }
}
