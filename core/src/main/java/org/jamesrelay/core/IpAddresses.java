package org.jamesrelay.core;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * IP address literals without name resolution, and the one canonical form the policy compares.
 */
public final class IpAddresses {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpAddresses() {
    }

    /**
     * Parses an IPv4 or IPv6 literal, exactly as written (no white space, no zone id). Never touches DNS: a host
     * name is refused.
     */
    public static InetAddress parse(String literal) {
        String value = literal;
        if (IPV4.matcher(value).matches()) {
            for (String octet : value.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    throw new IllegalArgumentException("'" + literal + "' is not an IPv4 address: " + octet + " is over 255");
                }
            }
        } else if (!value.contains(":") || !IPV6.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + literal + "' is not an IP address");
        }
        try {
            // brackets make the JDK refuse a malformed IPv6 literal instead of looking it up as a host name
            String unambiguous = value.contains(":") ? "[" + value + "]" : value;
            return canonical(InetAddress.getByName(unambiguous));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + literal + "' is not an IP address", e);
        }
    }

    /**
     * IPv4-mapped IPv6 addresses (::ffff:a.b.c.d), as dual-stack sockets report IPv4 clients, become plain IPv4,
     * so that a client is matched by the same networks whatever socket accepted it.
     */
    public static InetAddress canonical(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            if (isIpv4Mapped(bytes)) {
                try {
                    return InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return address;
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    public static boolean isIpv4(InetAddress address) {
        return address instanceof Inet4Address;
    }

    /**
     * The usual text form: dotted quad for IPv4; for IPv6 the RFC 5952 form, lower case with the longest run of
     * zero groups shortened to {@code ::} ({@code ::1}, {@code 2001:db8::1}), where Java would print every group.
     */
    public static String format(InetAddress address) {
        if (isIpv4(address)) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int start = 0; start < 8; start++) {
            int length = 0;
            while (start + length < 8 && groups[start + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = start;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
            } else {
                if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                    text.append(':');
                }
                text.append(Integer.toHexString(groups[i]));
            }
        }
        return text.toString();
    }
}
