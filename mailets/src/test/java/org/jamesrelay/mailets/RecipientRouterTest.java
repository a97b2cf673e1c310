package org.jamesrelay.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.jamesrelay.core.PolicyFileParser;
import org.jamesrelay.core.RouteTable;
import org.junit.jupiter.api.Test;

class RecipientRouterTest {
    private static final String POLICY = String.join("\n",
        "route relay.test [127.0.0.1]:2601",
        "route other.test [127.0.0.1]:2601",
        "route .corp.test [127.0.0.1]:2602 tls=encrypt",
        "route direct.test direct",
        "route direct2.test direct",
        "sender-route @marketing.test [127.0.0.1]:2603",
        "route * [127.0.0.1]:2600");

    private static RouteTable routes() throws Exception {
        return PolicyFileParser.parse("relay-policy.conf", POLICY).routes();
    }

    private static List<MailAddress> addresses(String... addresses) throws Exception {
        List<MailAddress> result = new ArrayList<>();
        for (String address : addresses) {
            result.add(new MailAddress(address));
        }
        return result;
    }

    private static List<String> describe(List<DeliveryGroup> groups) {
        return groups.stream()
            .map(group -> group.transport().hopsAsString() + " " + group.recipients().stream().map(MailAddress::asString).collect(Collectors.toList()))
            .collect(Collectors.toList());
    }

    @Test
    void eachRecipientIsInExactlyOneGroupOfItsTransport() throws Exception {
        List<DeliveryGroup> groups = RecipientRouter.split(routes(), MaybeSender.of(new MailAddress("app@local.test")),
            addresses("a@relay.test", "b@hq.corp.test", "c@elsewhere.test", "d@relay.test", "e@other.test", "f@eu.corp.test"));

        assertThat(describe(groups)).containsExactly(
            "[127.0.0.1]:2601 [a@relay.test, d@relay.test, e@other.test]",
            "[127.0.0.1]:2602 [b@hq.corp.test, f@eu.corp.test]",
            "[127.0.0.1]:2600 [c@elsewhere.test]");
        assertThat(groups.get(0).rules()).containsExactlyInAnyOrder("route:relay.test", "route:other.test");
    }

    @Test
    void directDeliveryGroupsByDomainBecauseEachDomainHasItsOwnMx() throws Exception {
        List<DeliveryGroup> groups = RecipientRouter.split(routes(), MaybeSender.nullSender(),
            addresses("a@direct.test", "b@direct2.test", "c@direct.test"));

        assertThat(describe(groups)).containsExactly("direct [a@direct.test, c@direct.test]", "direct [b@direct2.test]");
    }

    @Test
    void theSenderChoosesItsRouteWhenNoRecipientRouteMatches() throws Exception {
        List<DeliveryGroup> groups = RecipientRouter.split(routes(), MaybeSender.of(new MailAddress("news@marketing.test")),
            addresses("a@relay.test", "c@elsewhere.test"));

        assertThat(describe(groups)).containsExactly("[127.0.0.1]:2601 [a@relay.test]", "[127.0.0.1]:2603 [c@elsewhere.test]");
    }

    @Test
    void theNullSenderTakesNoSenderRoute() throws Exception {
        List<DeliveryGroup> groups = RecipientRouter.split(routes(), MaybeSender.nullSender(), addresses("c@elsewhere.test"));

        assertThat(describe(groups)).containsExactly("[127.0.0.1]:2600 [c@elsewhere.test]");
    }
}
