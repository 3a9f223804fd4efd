package io.raffinerie.model.environment;

import java.util.regex.Pattern;

/** IPv4 and IPv6 CIDR checks, without name resolution. */
final class Cidrs {
    private static final Pattern IPV4 = Pattern.compile(
            "^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)/(3[0-2]|[12]?\\d)$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:]+(:(\\d{1,3}\\.){3}\\d{1,3})?/(12[0-8]|1[01]\\d|[1-9]?\\d)$");

    private Cidrs() {
    }

    static boolean isValid(String cidr) {
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
}
