package org.jamesrelay.core;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network in CIDR notation. A bare address is a network of one host. Host bits must be zero:
 * {@code 10.0.0.1/8} is refused as a probable typing error, with the network it was probably meant to be.
 */
public final class Cidr {
    private static final Pattern PREFIX_LENGTH = Pattern.compile("\\d{1,3}");

    private final byte[] network;
    private final int prefixLength;

    public static Cidr parse(String value) {
        int slash = value.indexOf('/');
        String addressText = slash < 0 ? value : value.substring(0, slash);
        InetAddress address = IpAddresses.parse(addressText);
        int maxLength = address.getAddress().length * 8;
        int prefixLength = slash < 0 ? maxLength : parsePrefixLength(value.substring(slash + 1), maxLength, ipv4Mapped(addressText, address));
        byte[] bytes = address.getAddress();
        byte[] masked = mask(bytes, prefixLength);
        if (!Arrays.equals(bytes, masked)) {
            throw new IllegalArgumentException("host bits are set in " + value + "; the network is " + format(masked, prefixLength));
        }
        return new Cidr(masked, prefixLength);
    }

    /** An IPv4-mapped IPv6 network (::ffff:192.0.2.0/120) is the IPv4 network it maps, so its prefix loses 96 bits. */
    private static boolean ipv4Mapped(String text, InetAddress address) {
        return text.contains(":") && IpAddresses.isIpv4(address);
    }

    private static int parsePrefixLength(String value, int maxLength, boolean ipv4Mapped) {
        if (!PREFIX_LENGTH.matcher(value).matches()) {
            throw new IllegalArgumentException("prefix length '" + value + "' is not a number");
        }
        int written = Integer.parseInt(value);
        int length = ipv4Mapped ? written - 96 : written;
        if (length < 0 || length > maxLength) {
            String range = ipv4Mapped ? "96..128 for an IPv4-mapped network" : "0.." + maxLength;
            throw new IllegalArgumentException("prefix length " + written + " is out of range " + range);
        }
        return length;
    }

    static byte[] mask(byte[] address, int prefixLength) {
        byte[] masked = new byte[address.length];
        for (int i = 0; i < address.length; i++) {
            int bitsInByte = Math.max(0, Math.min(8, prefixLength - i * 8));
            int byteMask = bitsInByte == 0 ? 0 : (0xff << (8 - bitsInByte)) & 0xff;
            masked[i] = (byte) (address[i] & byteMask);
        }
        return masked;
    }

    private static String format(byte[] network, int prefixLength) {
        try {
            return IpAddresses.format(InetAddress.getByAddress(network)) + "/" + prefixLength;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private Cidr(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    public int prefixLength() {
        return prefixLength;
    }

    public boolean isIpv4() {
        return network.length == 4;
    }

    byte[] networkBytes() {
        return network.clone();
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = IpAddresses.canonical(address).getAddress();
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefixLength), network);
    }

    public String asString() {
        return format(network, prefixLength);
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof Cidr) {
            Cidr that = (Cidr) o;
            return prefixLength == that.prefixLength && Arrays.equals(network, that.network);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(network), prefixLength);
    }

    @Override
    public String toString() {
        return asString();
    }
}
