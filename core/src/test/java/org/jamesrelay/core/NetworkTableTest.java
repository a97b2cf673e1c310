package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkTableTest {
    private static final NetworkTable<String> TABLE = NetworkTable.of(List.of(
            "0.0.0.0/0",
            "10.0.0.0/8",
            "10.1.0.0/16",
            "10.1.2.0/24",
            "10.1.2.3",
            "192.0.2.0/24",
            "2001:db8::/32",
            "2001:db8:1::/48",
            "::1"),
        Cidr::parse);

    private static final NetworkTable<String> WITHOUT_DEFAULT = NetworkTable.of(List.of("10.0.0.0/8", "2001:db8::/32"), Cidr::parse);

    private static Optional<String> lookup(NetworkTable<String> table, String address) throws Exception {
        return table.longestMatch(InetAddress.getByName(address));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "10.1.2.3, 10.1.2.3",
        "10.1.2.4, 10.1.2.0/24",
        "10.1.3.4, 10.1.0.0/16",
        "10.2.0.1, 10.0.0.0/8",
        "11.0.0.1, 0.0.0.0/0",
        "192.0.2.200, 192.0.2.0/24",
        "2001:db8:1:2::1, 2001:db8:1::/48",
        "2001:db8:2::1, 2001:db8::/32",
        "::1, ::1",
        "::ffff:10.1.2.3, 10.1.2.3"
    })
    void longestPrefixShouldWin(String address, String expected) throws Exception {
        assertThat(lookup(TABLE, address)).contains(expected);
    }

    @ParameterizedTest
    @CsvSource({"11.0.0.1", "2001:db9::1", "::2"})
    void addressOutsideEveryNetworkShouldMatchNothing(String address) throws Exception {
        assertThat(lookup(WITHOUT_DEFAULT, address)).isEmpty();
    }

    @Test
    void ipv4DefaultRouteShouldNotMatchIpv6Clients() throws Exception {
        assertThat(lookup(TABLE, "2001:db9::1")).isEmpty();
    }

    @Test
    void ipv4MappedClientShouldBeMatchedByIpv4Network() throws Exception {
        InetAddress mapped = CidrTest.ipv4Mapped(10, 1, 3, 4);

        assertThat(TABLE.longestMatch(mapped)).contains("10.1.0.0/16");
        assertThat(WITHOUT_DEFAULT.longestMatch(CidrTest.ipv4Mapped(11, 0, 0, 1))).isEmpty();
    }

    @Test
    void emptyTableShouldMatchNothing() throws Exception {
        NetworkTable<String> empty = NetworkTable.of(List.of(), Cidr::parse);

        assertThat(empty.size()).isZero();
        assertThat(lookup(empty, "192.0.2.1")).isEmpty();
        assertThat(lookup(empty, "::1")).isEmpty();
    }

    @Test
    void sizeShouldCountNetworksOfBothFamilies() {
        assertThat(TABLE.size()).isEqualTo(9);
        assertThat(WITHOUT_DEFAULT.size()).isEqualTo(2);
    }

    @Test
    void entriesShouldBeReturnedAsGiven() throws Exception {
        TrustedNetwork printers = TrustedNetwork.anySender(Cidr.parse("192.0.2.0/24"));
        NetworkTable<TrustedNetwork> table = NetworkTable.of(List.of(printers), TrustedNetwork::cidr);

        assertThat(table.longestMatch(InetAddress.getByName("192.0.2.9"))).containsSame(printers);
    }
}
