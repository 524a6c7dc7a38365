package io.leadstream.gateway;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** A set of IPs and CIDR ranges (IPv4 and IPv6), parsed once from configuration. */
final class IpRanges {
    private static final java.util.regex.Pattern IP_CHARS = java.util.regex.Pattern.compile("[0-9a-fA-F:.]+");
    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private final List<byte[]> networks = new ArrayList<>();
    private final List<Integer> prefixes = new ArrayList<>();

    private IpRanges() {}

    /** Parses {@code "10.0.0.0/8, 192.168.1.7, ::1"}; a bad entry fails start-up with its text. */
    static IpRanges parse(String list) {
        IpRanges ranges = new IpRanges();
        for (String raw : list.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            byte[] address = literal(slash < 0 ? entry : entry.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("Not an IP address or CIDR: " + entry);
            }
            int prefix = slash < 0 ? address.length * 8 : Integer.parseInt(entry.substring(slash + 1));
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("Bad prefix length in " + entry);
            }
            ranges.networks.add(address);
            ranges.prefixes.add(prefix);
        }
        return ranges;
    }

    boolean isEmpty() {
        return networks.isEmpty();
    }

    boolean contains(String ip) {
        if (networks.isEmpty()) {
            return false;
        }
        byte[] address = ip == null ? null : literal(ip);
        if (address == null) {
            return false;
        }
        for (int i = 0; i < networks.size(); i++) {
            if (matches(networks.get(i), prefixes.get(i), address)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(byte[] network, int prefix, byte[] address) {
        if (network.length != address.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (network[i] != address[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (network[full] & mask) == (address[full] & mask);
    }

    /** Parses an IP literal without ever doing a DNS lookup; null when it is not one. */
    static byte[] literal(String text) {
        String s = text.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.isEmpty() || s.length() > 45 || !IP_CHARS.matcher(s).matches() || !(s.contains(".") || s.contains(":"))) {
            return null;
        }
        if (!s.contains(":") && !IPV4.matcher(s).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
