package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeAddressTest {

    static Stream<Arguments> validAddresses() {
        return Stream.of(
            // raw, local part, domain, key, domain literal
            Arguments.of("user@example.com", "user", "example.com", "user@example.com", false),
            Arguments.of("<user@example.com>", "user", "example.com", "user@example.com", false),
            Arguments.of(" <user@example.com> ", "user", "example.com", "user@example.com", false),
            Arguments.of("first.last+tag@sub.example.com", "first.last+tag", "sub.example.com", "first.last+tag@sub.example.com", false),
            Arguments.of("\"john doe\"@example.com", "john doe", "example.com", "john doe@example.com", false),
            Arguments.of("\"john\\\"doe\"@example.com", "john\"doe", "example.com", "john\"doe@example.com", false),
            Arguments.of("user@[192.0.2.1]", "user", "[192.0.2.1]", "user@[192.0.2.1]", true),
            Arguments.of("<user@[192.0.2.1]>", "user", "[192.0.2.1]", "user@[192.0.2.1]", true),
            Arguments.of("user@[IPv6:2001:db8::1]", "user", "[ipv6:2001:db8::1]", "user@[ipv6:2001:db8::1]", true),
            Arguments.of("user@[ipv6:2001:DB8::1]", "user", "[ipv6:2001:db8::1]", "user@[ipv6:2001:db8::1]", true),
            Arguments.of("User@EXAMPLE.COM", "User", "example.com", "user@example.com", false),
            Arguments.of("<USER@Example.Com>", "USER", "example.com", "user@example.com", false),
            Arguments.of("Jo.Smith@example.com", "Jo.Smith", "example.com", "jo.smith@example.com", false),
            Arguments.of("jos\u00e9@exampl\u00e9.com", "jos\u00e9", "exampl\u00e9.com", "jos\u00e9@exampl\u00e9.com", false),
            Arguments.of(" Info@Relay.Test ", "Info", "relay.test", "info@relay.test", false),
            Arguments.of("\"John Doe\"@Example.COM", "John Doe", "example.com", "john doe@example.com", false),
            Arguments.of("Jos\u00c9@Exampl\u00c9.com", "Jos\u00c9", "exampl\u00e9.com", "jos\u00e9@exampl\u00e9.com", false),
            // the Kelvin sign is not ASCII, but its lower case is
            Arguments.of("\u212aelvin@Example.com", "\u212aelvin", "example.com", "kelvin@example.com", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validAddresses")
    void validAddressShouldBeRead(String raw, String localPart, String domain, String key, boolean domainLiteral) throws Exception {
        EnvelopeAddress address = EnvelopeAddress.parse(raw);

        assertThat(address.localPart()).isEqualTo(localPart);
        assertThat(address.domain()).isEqualTo(domain);
        assertThat(address.key()).isEqualTo(key);
        assertThat(address.toString()).isEqualTo(key);
        assertThat(address.isDomainLiteral()).isEqualTo(domainLiteral);
        assertThat(address.senderRouting()).isEmpty();
    }

    @Test
    void domainShouldBeComparedInTheKey() throws Exception {
        EnvelopeAddress address = EnvelopeAddress.parse("Jo@Sub.Example.com");

        assertThat(AddressKeys.domain(address.key())).isEqualTo("sub.example.com");
        assertThat(address.hasDomain("sub.example.com")).isTrue();
        assertThat(address.hasDomain("example.com")).isFalse();
        assertThat(address.hasDomain("sub.example.co")).isFalse();
    }

    @Test
    void addressesShouldBeEqualWhateverTheirCase() throws Exception {
        EnvelopeAddress lower = EnvelopeAddress.parse("user@example.com");
        EnvelopeAddress upper = EnvelopeAddress.parse("<USER@EXAMPLE.COM>");

        assertThat(upper).isEqualTo(lower);
        assertThat(upper.hashCode()).isEqualTo(lower.hashCode());
    }

    @Test
    void addressWithRoutingShouldDifferFromTheSameKeyWithout() throws Exception {
        EnvelopeAddress plain = EnvelopeAddress.parse("user@dest.test");
        EnvelopeAddress routed = EnvelopeAddress.parse("@hop.test:user@dest.test");

        assertThat(routed.key()).isEqualTo(plain.key());
        assertThat(routed).isNotEqualTo(plain);
    }

    static Stream<Arguments> senderRoutingForms() {
        return Stream.of(
            // raw, routing kind, local part, domain
            Arguments.of("user%dest.test@relay.test", "percent hack", "user%dest.test", "relay.test"),
            Arguments.of("dest.test!user@relay.test", "bang path", "dest.test!user", "relay.test"),
            Arguments.of("\"user@dest.test\"@relay.test", "quoted local part containing '@'", "user@dest.test", "relay.test"),
            Arguments.of("\"user%dest.test\"@relay.test", "quoted local part containing '%'", "user%dest.test", "relay.test"),
            Arguments.of("\"dest.test!user\"@relay.test", "quoted local part containing '!'", "dest.test!user", "relay.test"),
            Arguments.of("user@dest.test@relay.test", "more than one '@'", "user@dest.test", "relay.test"),
            Arguments.of("@relay.test:user@dest.test", "source route", "user", "dest.test"),
            Arguments.of("<@relay.test:user@dest.test>", "source route", "user", "dest.test"),
            Arguments.of("@a.test,@b.test:user@dest.test", "source route", "user", "dest.test"),
            Arguments.of("@relay.test:\"user\"@dest.test", "source route", "user", "dest.test"),
            Arguments.of("<USER%DEST.TEST@RELAY.TEST>", "percent hack", "USER%DEST.TEST", "relay.test"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("senderRoutingForms")
    void senderRoutingShouldBeRecognised(String raw, String routing, String localPart, String domain) throws Exception {
        EnvelopeAddress address = EnvelopeAddress.parse(raw);

        assertThat(address.senderRouting()).contains(routing);
        assertThat(address.localPart()).isEqualTo(localPart);
        assertThat(address.domain()).isEqualTo(domain);
    }

    @ParameterizedTest
    @ValueSource(strings = {"user@example.com", "\"john doe\"@example.com", "first.last@example.com", "a+b=c@example.com", "user@[192.0.2.1]"})
    void addressWithoutRoutingCharactersShouldHaveNoSenderRouting(String raw) throws Exception {
        assertThat(EnvelopeAddress.parse(raw).senderRouting()).isEmpty();
    }

    static Stream<Arguments> syntaxErrors() {
        return Stream.of(
            Arguments.of("user", "no domain (unqualified address)"),
            Arguments.of("<user>", "no domain (unqualified address)"),
            Arguments.of("\"user\"", "no domain (unqualified address)"),
            Arguments.of("user@", "empty domain"),
            Arguments.of("\"user\"@", "empty domain"),
            Arguments.of("\"\"@dest.test", "empty local part"),
            Arguments.of("", "empty address"),
            Arguments.of("<>", "empty address"),
            Arguments.of("user@example.com.", "trailing dot in domain 'example.com.'"),
            Arguments.of("User@Example.COM.", "trailing dot in domain 'Example.COM.'"),
            Arguments.of("User@A..B", "empty label in domain 'A..B'"),
            Arguments.of("User@-Bad.Example.com", "label '-bad' of domain '-Bad.Example.com' starts or ends with '-'"),
            Arguments.of("User@Exa Mple.com", "character ' ' not allowed in domain 'Exa Mple.com'"),
            Arguments.of("User@Exa\rMple.com", "character '\\x0d' not allowed in domain 'Exa\\x0dMple.com'"),
            Arguments.of("Us..Er@Example.com", "misplaced '.' in local part"),
            Arguments.of("user@a..b", "empty label in domain 'a..b'"),
            Arguments.of("user@.example.com", "empty label in domain '.example.com'"),
            Arguments.of("user@-bad.example.com", "label '-bad' of domain '-bad.example.com' starts or ends with '-'"),
            Arguments.of("user@[999.1.1.1]", "domain literal '[999.1.1.1]' is not an IP address"),
            Arguments.of("user@[IPv6:192.0.2.1]", "domain literal '[IPv6:192.0.2.1]' is not an IP address"),
            Arguments.of("user@[2001:db8::1]", "domain literal '[2001:db8::1]' is not an IP address"),
            Arguments.of("user@[mail.example.com]", "domain literal '[mail.example.com]' is not an IP address"),
            Arguments.of("user@[192.0.2.1", "unterminated domain literal '[192.0.2.1'"),
            Arguments.of("\"user@dest.test", "unterminated quoted local part"),
            Arguments.of("\"user\\", "unterminated quoted local part"),
            Arguments.of("\"user\"x@dest.test", "'@' expected after quoted local part"),
            Arguments.of("us\u0001er@example.com", "character '\\x01' not allowed in an unquoted local part"),
            Arguments.of("us\rer@example.com", "character '\\x0d' not allowed in an unquoted local part"),
            Arguments.of("us\u007fer@example.com", "character '\\x7f' not allowed in an unquoted local part"),
            Arguments.of("\"us\u0001er\"@example.com", "control character in local part"),
            Arguments.of("\"us\ter\"@example.com", "control character in local part"),
            Arguments.of("user name@example.com", "character ' ' not allowed in an unquoted local part"),
            Arguments.of("<user name@example.com>", "character ' ' not allowed in an unquoted local part"),
            Arguments.of("user@exa mple.com", "character ' ' not allowed in domain 'exa mple.com'"),
            Arguments.of("us<er@example.com", "character '<' not allowed in an unquoted local part"),
            Arguments.of(".user@example.com", "misplaced '.' in local part"),
            Arguments.of("user.@example.com", "misplaced '.' in local part"),
            Arguments.of("us..er@example.com", "misplaced '.' in local part"),
            Arguments.of("@relay.test", "empty local part"),
            Arguments.of("@relay.test:", "no domain (unqualified address)"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("syntaxErrors")
    void invalidAddressShouldBeRefusedWithItsReason(String raw, String message) {
        assertThatThrownBy(() -> EnvelopeAddress.parse(raw))
            .isInstanceOf(AddressSyntaxException.class)
            .hasMessage(message);
    }

    static Stream<String> everyValidAddress() {
        return Stream.concat(validAddresses(), senderRoutingForms()).map(arguments -> (String) arguments.get()[0]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyValidAddress")
    void keyAndRoutingReadInPlaceShouldBeThoseOfTheParsedAddress(String raw) throws Exception {
        EnvelopeAddress address = EnvelopeAddress.parse(raw);

        assertThat(EnvelopeAddress.keyOf(raw)).isEqualTo(address.key());
        assertThat(EnvelopeAddress.senderRoutingOf(raw)).isEqualTo(address.senderRouting());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"user@dest.test", "<user>"})
    void routingOfTextThatIsNotAnAddressShouldBeRefused(String raw) {
        assertThatThrownBy(() -> EnvelopeAddress.senderRoutingOf(raw)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jo.smith@example.com", "a+b=c@sub.example.com", "user%dest.test@relay.test"})
    void keyOfAnAddressInCanonicalFormShouldBeItsTextNotACopy(String raw) throws Exception {
        assertThat(EnvelopeAddress.keyOf(raw)).isSameAs(raw);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("syntaxErrors")
    void invalidAddressShouldBeRefusedWithTheSameReasonWhenOnlyItsKeyIsRead(String raw, String message) {
        assertThatThrownBy(() -> EnvelopeAddress.keyOf(raw))
            .isInstanceOf(AddressSyntaxException.class)
            .hasMessage(message);
    }

    @Test
    void emptyLocalPartShouldBeRefused() {
        assertThatThrownBy(() -> EnvelopeAddress.parse("@dest.test"))
            .isInstanceOf(AddressSyntaxException.class);
    }

    @Test
    void emptyLocalPartShouldBeReportedAsSuch() {
        assertThatThrownBy(() -> EnvelopeAddress.parse("@dest.test"))
            .isInstanceOf(AddressSyntaxException.class)
            .hasMessage("empty local part");
    }

    @ParameterizedTest
    @ValueSource(strings = {"user@exa\rmple.com", "user@exa\u0001mple.com", "user@example\r.", "user@[1.2\rx]"})
    void controlCharacterInDomainShouldNotAppearRawInTheMessage(String raw) {
        assertThatThrownBy(() -> EnvelopeAddress.parse(raw))
            .isInstanceOf(AddressSyntaxException.class)
            .satisfies(e -> assertThat(e.getMessage().chars().filter(c -> c < 0x20 || c == 0x7f)).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"user@[ 192.0.2.1 ]", "user@[192.0.2.1\r]", "user@[\t192.0.2.1]", "user@[IPv6: 2001:db8::1]"})
    void spaceOrControlCharacterInDomainLiteralShouldBeRefused(String raw) {
        assertThatThrownBy(() -> EnvelopeAddress.parse(raw))
            .isInstanceOf(AddressSyntaxException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"user@exa\rmple.com", "user@exa\u0001mple.com", "user@exa\u007fmple.com"})
    void controlCharacterInDomainShouldBeRefused(String raw) {
        assertThatThrownBy(() -> EnvelopeAddress.parse(raw))
            .isInstanceOf(AddressSyntaxException.class)
            .hasMessageStartingWith("character '");
    }

    @ParameterizedTest
    @CsvSource({
        "'', true",
        "<>, true",
        "'< >', true",
        "'  ', true",
        "user@example.com, false",
        "<user@example.com>, false",
        "<@relay.test:user@dest.test>, false"
    })
    void nullSenderShouldBeRecognised(String raw, boolean nullSender) {
        assertThat(EnvelopeAddress.isNullSender(raw)).isEqualTo(nullSender);
    }

    @Test
    void domainLiteralsShouldBeComparedInCanonicalForm() throws Exception {
        assertThat(EnvelopeAddress.parse("user@[IPv6:2001:DB8:0::1]"))
            .isEqualTo(EnvelopeAddress.parse("user@[ipv6:2001:db8::0:1]"));
    }

    @Test
    void hostNameInDomainLiteralShouldBeRefusedWithoutLookup() {
        // "localhost" would resolve if it were looked up: being refused proves it is not
        assertThatThrownBy(() -> EnvelopeAddress.parse("user@[localhost]"))
            .isInstanceOf(AddressSyntaxException.class)
            .hasMessage("domain literal '[localhost]' is not an IP address");
    }

    @Test
    void internationalizedDomainShouldBeAccepted() {
        assertThatCode(() -> EnvelopeAddress.parse("user@bücher.example"))
            .doesNotThrowAnyException();
    }
}
