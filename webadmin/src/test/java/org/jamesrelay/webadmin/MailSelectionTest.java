package org.jamesrelay.webadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class MailSelectionTest {
    private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");

    private static QueuedMail mail(String sender, Duration age, String... recipients) throws Exception {
        return QueuedMail.of(QueueFixtures.waiting("Mail1", sender, NOW.minus(age), recipients), Optional.empty(), QueueFixtures.ROUTES);
    }

    private static MailSelection selection(Map<String, String> parameters) {
        return MailSelection.parse(parameters::get);
    }

    @Test
    void noParameterSelectsEveryMail() throws Exception {
        MailSelection everything = selection(Map.of());
        assertThat(everything.isEverything()).isTrue();
        assertThat(everything.matches(mail("a@apps.test", Duration.ZERO, "x@relay.test"), NOW)).isTrue();
    }

    @Test
    void aRouteIsNamedByItsRuleItsDestinationOrItsHops() throws Exception {
        QueuedMail mail = mail("a@apps.test", Duration.ZERO, "x@other.test", "y@relay.test");
        for (String route : new String[] {"route:relay.test", "relay.test", "[127.0.0.1]:2601", "*", "[smtp.isp.test]:587"}) {
            assertThat(selection(Map.of("route", route)).matches(mail, NOW)).as(route).isTrue();
        }
        assertThat(selection(Map.of("route", "[127.0.0.1]:2602")).matches(mail, NOW)).isFalse();
        assertThat(selection(Map.of("route", "@marketing.test")).matches(mail("b@marketing.test", Duration.ZERO, "x@other.test"), NOW)).isTrue();
    }

    @Test
    void domainSenderAndNameMatchExactlyDomainAndSenderWhateverTheirCase() throws Exception {
        QueuedMail mail = mail("App@Apps.test", Duration.ZERO, "x@Relay.test");
        assertThat(selection(Map.of("domain", "RELAY.TEST")).matches(mail, NOW)).isTrue();
        assertThat(selection(Map.of("domain", "lay.test")).matches(mail, NOW)).isFalse();
        assertThat(selection(Map.of("sender", "app@apps.test")).matches(mail, NOW)).isTrue();
        assertThat(selection(Map.of("sender", "<>")).matches(mail, NOW)).isFalse();
        assertThat(selection(Map.of("name", "Mail1")).matches(mail, NOW)).isTrue();
        assertThat(selection(Map.of("name", "mail1")).matches(mail, NOW)).isFalse();
    }

    @Test
    void theNullSenderIsWrittenAsEmptyBrackets() throws Exception {
        QueuedMail bounce = QueuedMail.of(QueueFixtures.waiting("Bounce", "<>", NOW, "x@relay.test"), Optional.empty(), QueueFixtures.ROUTES);
        assertThat(bounce.sender).isEqualTo("<>");
        assertThat(selection(Map.of("sender", "<>")).matches(bounce, NOW)).isTrue();
    }

    @Test
    void olderThanComparesWithWhenTheMailWasFirstQueued() throws Exception {
        QueuedMail mail = mail("a@apps.test", Duration.ofMinutes(90), "x@relay.test");
        assertThat(selection(Map.of("olderThan", "1h")).matches(mail, NOW)).isTrue();
        assertThat(selection(Map.of("olderThan", "2h")).matches(mail, NOW)).isFalse();
        assertThat(selection(Map.of("olderThan", "89m")).matches(mail, NOW)).isTrue();
        assertThat(selection(Map.of("olderThan", "5400s")).matches(mail, NOW)).isFalse();
        assertThat(selection(Map.of("olderThan", "1d")).matches(mail, NOW)).isFalse();
    }

    @Test
    void everyParameterGivenMustMatch() throws Exception {
        QueuedMail mail = mail("a@apps.test", Duration.ZERO, "x@relay.test");
        assertThat(selection(Map.of("domain", "relay.test", "sender", "a@apps.test")).matches(mail, NOW)).isTrue();
        assertThat(selection(Map.of("domain", "relay.test", "sender", "b@apps.test")).matches(mail, NOW)).isFalse();
    }

    @Test
    void emptyValuesAndAgesWithoutUnitAreRefused() {
        assertThatThrownBy(() -> selection(Map.of("route", " "))).isInstanceOf(IllegalArgumentException.class).hasMessage("route must not be empty");
        for (String age : new String[] {"10", "1w", "-1h", "soon", "1.5h"}) {
            assertThatThrownBy(() -> selection(Map.of("olderThan", age))).as(age).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("olderThan: expected a number and a unit");
        }
    }
}
