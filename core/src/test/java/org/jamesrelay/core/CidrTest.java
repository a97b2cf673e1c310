package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    /** An IPv4-mapped IPv6 address as a dual-stack socket may report it: a real Inet6Address, not converted by the JDK. */
    static InetAddress ipv4Mapped(int a, int b, int c, int d) throws UnknownHostException {
        byte[] bytes = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) a, (byte) b, (byte) c, (byte) d};
        return Inet6Address.getByAddress(null, bytes, -1);
    }

    /** Literals only: getByName does not resolve them. */
    static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "192.0.2.0/24, 192.0.2.0/24, 24, true",
        "10.0.0.0/8, 10.0.0.0/8, 8, true",
        "192.0.2.7, 192.0.2.7/32, 32, true",
        "192.0.2.7/32, 192.0.2.7/32, 32, true",
        "0.0.0.0/0, 0.0.0.0/0, 0, true",
        "192.0.2.0/024, 192.0.2.0/24, 24, true",
        "2001:db8::/32, 2001:db8::/32, 32, false",
        "2001:DB8::/32, 2001:db8::/32, 32, false",
        "::1, ::1/128, 128, false",
        "::1/128, ::1/128, 128, false",
        "::/0, ::/0, 0, false"
    })
    void networkShouldBeRead(String value, String asString, int prefixLength, boolean ipv4) {
        Cidr cidr = Cidr.parse(value);

        assertThat(cidr.asString()).isEqualTo(asString);
        assertThat(cidr.toString()).isEqualTo(asString);
        assertThat(cidr.prefixLength()).isEqualTo(prefixLength);
        assertThat(cidr.isIpv4()).isEqualTo(ipv4);
    }

    @Test
    void bareAddressShouldEqualItsHostNetwork() {
        assertThat(Cidr.parse("192.0.2.7")).isEqualTo(Cidr.parse("192.0.2.7/32"));
        assertThat(Cidr.parse("192.0.2.7").hashCode()).isEqualTo(Cidr.parse("192.0.2.7/32").hashCode());
        assertThat(Cidr.parse("2001:db8::1")).isEqualTo(Cidr.parse("2001:DB8:0::1/128"));
    }

    @Test
    void networksShouldDifferByPrefixLength() {
        assertThat(Cidr.parse("192.0.2.0/24")).isNotEqualTo(Cidr.parse("192.0.2.0/25"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "10.0.0.1/8|host bits are set in 10.0.0.1/8; the network is 10.0.0.0/8",
        "192.0.2.1/24|host bits are set in 192.0.2.1/24; the network is 192.0.2.0/24",
        "192.0.2.129/25|host bits are set in 192.0.2.129/25; the network is 192.0.2.128/25",
        "0.0.0.1/0|host bits are set in 0.0.0.1/0; the network is 0.0.0.0/0",
        "2001:db8::1/32|host bits are set in 2001:db8::1/32; the network is 2001:db8::/32",
        "192.0.2.0/33|prefix length 33 is out of range 0..32",
        "::/129|prefix length 129 is out of range 0..128",
        "192.0.2.0/1000|prefix length '1000' is not a number",
        "192.0.2.0/-1|prefix length '-1' is not a number",
        "192.0.2.0/|prefix length '' is not a number",
        "192.0.2.0/x|prefix length 'x' is not a number",
        "192.0.2.0/24/8|prefix length '24/8' is not a number",
        "192.0.2.300/24|'192.0.2.300' is not an IPv4 address: 300 is over 255",
        "1.2.3|'1.2.3' is not an IP address",
        "/24|'' is not an IP address",
        "[::1]|'[::1]' is not an IP address",
        "2001:db8:::1|'2001:db8:::1' is not an IP address"
    })
    void invalidNetworkShouldBeRefusedWithItsReason(String value, String message) {
        assertThatThrownBy(() -> Cidr.parse(value))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost/8", "mail.example.com/24", "relay.invalid", "ip6-localhost"})
    void hostNameShouldBeRefusedWithoutLookup(String value) {
        // "localhost" resolves on any machine: being refused shows that no name resolution was attempted
        String host = value.contains("/") ? value.substring(0, value.indexOf('/')) : value;

        assertThatThrownBy(() -> Cidr.parse(value))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("'" + host + "' is not an IP address");
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        "192.0.2.0/24, 192.0.2.0, true",
        "192.0.2.0/24, 192.0.2.255, true",
        "192.0.2.0/24, 192.0.3.0, false",
        "192.0.2.0/24, 192.0.1.255, false",
        "192.0.2.128/25, 192.0.2.127, false",
        "192.0.2.128/25, 192.0.2.128, true",
        "192.0.2.7, 192.0.2.7, true",
        "192.0.2.7, 192.0.2.8, false",
        "0.0.0.0/0, 203.0.113.9, true",
        "0.0.0.0/0, 2001:db8::1, false",
        "2001:db8::/32, 2001:db8:ffff::1, true",
        "2001:db8::/32, 2001:db9::1, false",
        "::1, ::1, true",
        "::1, ::2, false",
        "::/0, 2001:db8::1, true",
        "::/0, 192.0.2.1, false",
        "192.0.2.0/24, ::ffff:192.0.2.7, true",
        "192.0.2.0/24, ::ffff:192.0.3.7, false"
    })
    void networkShouldContainExactlyItsAddresses(String network, String address, boolean contained) throws Exception {
        assertThat(Cidr.parse(network).contains(ip(address))).isEqualTo(contained);
    }

    @Test
    void ipv4MappedClientShouldBeMatchedByIpv4Network() throws Exception {
        InetAddress client = ipv4Mapped(192, 0, 2, 7);

        assertThat(client).isInstanceOf(Inet6Address.class);
        assertThat(Cidr.parse("192.0.2.0/24").contains(client)).isTrue();
        assertThat(Cidr.parse("192.0.2.7").contains(client)).isTrue();
        assertThat(Cidr.parse("198.51.100.0/24").contains(client)).isFalse();
    }

    @Test
    void ipv4MappedClientShouldNotBeMatchedByIpv6Network() throws Exception {
        assertThat(Cidr.parse("::/0").contains(ipv4Mapped(192, 0, 2, 7))).isFalse();
    }

    @Test
    void ipAddressesShouldCanonicalizeIpv4MappedAddresses() throws Exception {
        InetAddress canonical = IpAddresses.canonical(ipv4Mapped(192, 0, 2, 7));

        assertThat(IpAddresses.isIpv4(canonical)).isTrue();
        assertThat(canonical.getHostAddress()).isEqualTo("192.0.2.7");
    }

    @Test
    void ipAddressesShouldLeaveOtherIpv6AddressesAlone() throws Exception {
        InetAddress address = ip("2001:db8::1");

        assertThat(IpAddresses.canonical(address)).isSameAs(address);
        assertThat(IpAddresses.isIpv4(address)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "192.0.2.1, 192.0.2.1",
        "2001:DB8::1, 2001:db8::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "0:0:0:0:0:0:0:0, ::",
        "::ffff:192.0.2.1, 192.0.2.1"
    })
    void ipAddressesShouldParseLiteralsAndFormatThemShort(String literal, String formatted) {
        assertThat(IpAddresses.format(IpAddresses.parse(literal))).isEqualTo(formatted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "1.2.3", "256.0.0.1", "", "1.2.3.4:25", "[::1]", "::g",
        " 192.0.2.1 ", "fe80::1%eth0"})
    void ipAddressesShouldRefuseWhatIsNotALiteral(String literal) {
        assertThatThrownBy(() -> IpAddresses.parse(literal))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("'" + literal + "' is not an IP");
    }
}
