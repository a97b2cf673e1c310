package org.jamesrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PolicyOutputTest {
    @Test
    void networksShouldBeATable() {
        String answer = "[{\"network\":\"127.0.0.1/32\",\"senders\":[],\"servedSendersOnly\":false},"
            + "{\"network\":\"192.0.2.0/24\",\"senders\":[\"scanner@local.test\",\"@apps.local.test\"],\"servedSendersOnly\":true}]";

        assertThat(PolicyOutput.networks(Json.parse(answer))).isEqualTo(
            "NETWORK       SENDERS                              SERVED SENDERS ONLY\n"
                + "127.0.0.1/32  any                                  no\n"
                + "192.0.2.0/24  scanner@local.test,@apps.local.test  yes\n");
    }

    @Test
    void emptyListsShouldSaySo() {
        assertThat(PolicyOutput.networks(Json.parse("[]"))).isEqualTo("no trusted network: only logged-in clients may relay\n");
        assertThat(PolicyOutput.domains(Json.parse("[]"))).isEqualTo("no relay domain\n");
        assertThat(PolicyOutput.audit(Json.parse("[]"))).isEqualTo("no change recorded\n");
    }

    @Test
    void domainsShouldShowTheirRecipientsOrAny() {
        String answer = "[{\"domain\":\"relay.test\",\"recipients\":[\"info@relay.test\",\"sales@relay.test\"]},"
            + "{\"domain\":\"backup.test\",\"recipients\":null}]";

        assertThat(PolicyOutput.domains(Json.parse(answer))).isEqualTo(
            "DOMAIN       RECIPIENTS\n"
                + "relay.test   info@relay.test,sales@relay.test\n"
                + "backup.test  any\n");
        assertThat(PolicyOutput.domain(Json.parse("{\"domain\":\"backup.test\",\"recipients\":null}")))
            .isEqualTo("DOMAIN       RECIPIENTS\nbackup.test  any\n");
    }

    @Test
    void recipientsShouldBeOneALine() {
        assertThat(PolicyOutput.recipients("relay.test", Json.parse("[\"info@relay.test\",\"sales@relay.test\"]")))
            .isEqualTo("info@relay.test\nsales@relay.test\n");
        assertThat(PolicyOutput.recipients("backup.test", Json.parse("null")))
            .isEqualTo("any recipient of backup.test is accepted (no recipient is listed)\n");
    }

    @Test
    void sendersAndSettingsShouldBeTables() {
        assertThat(PolicyOutput.senders(Json.parse("[{\"login\":\"alice@local.test\",\"owns\":[\"@sales.local.test\"],\"servedSendersOnly\":false}]")))
            .isEqualTo("LOGIN             OWNS (besides its own address and James aliases)  SERVED SENDERS ONLY\n"
                + "alice@local.test  @sales.local.test                                 no\n");
        assertThat(PolicyOutput.settings(Json.parse("{\"relayMode\":\"policy\",\"authenticatedRelay\":\"tls-only\",\"servedSendersOnly\":true}")))
            .isEqualTo("SETTING             VALUE\n"
                + "relayMode           policy\n"
                + "authenticatedRelay  tls-only\n"
                + "servedSendersOnly   yes\n");
    }

    @Test
    void explanationShouldSayWhoDecidedAndHow() {
        String answer = "{\"verdict\":\"DENY\",\"accepted\":false,\"reply\":{\"code\":550,\"enhancedStatus\":\"5.7.1\","
            + "\"text\":\"<x@elsewhere.example>: Relay access denied\"},\"rule\":\"relay-denied\",\"warning\":null,\"policyVersion\":12,"
            + "\"senderDecision\":{\"verdict\":\"SENDER_ACCEPTED\",\"accepted\":true,\"reply\":{\"code\":250,\"enhancedStatus\":\"2.1.0\","
            + "\"text\":\"Sender OK\"},\"rule\":\"sender\",\"warning\":null},\"route\":null,\"note\":\"refused: nothing would be routed\"}";

        assertThat(PolicyOutput.explanation(Json.parse(answer))).isEqualTo(
            "verdict  DENY (refused)\n"
                + "reply    550 5.7.1 <x@elsewhere.example>: Relay access denied\n"
                + "rule     relay-denied\n"
                + "sender   SENDER_ACCEPTED by rule sender: 250 2.1.0 Sender OK\n"
                + "route    none (refused: nothing would be routed)\n"
                + "policy   version 12\n");
    }

    @Test
    void explanationShouldShowAWarning() {
        String answer = "{\"verdict\":\"RELAY\",\"accepted\":true,\"reply\":{\"code\":250,\"enhancedStatus\":\"2.1.5\",\"text\":\"Recipient OK (open relay)\"},"
            + "\"rule\":\"relay-mode:open-relay\",\"warning\":\"open relay mode\",\"policyVersion\":3,\"route\":null}";

        assertThat(PolicyOutput.explanation(Json.parse(answer))).endsWith("route    none\npolicy   version 3\nwarning  open relay mode\n");
    }

    @Test
    void auditShouldSayWhenAnImportChangedNothing() {
        String answer = "[{\"at\":\"2026-11-28T10:00:03Z\",\"version\":4,\"actor\":\"deploy\",\"action\":\"import\","
            + "\"before\":\"relay-domain a.test\\n\",\"after\":\"relay-domain a.test\\n\"}]";

        assertThat(PolicyOutput.audit(Json.parse(answer))).isEqualTo("2026-11-28T10:00:03Z  deploy  import  (version 4)\n    = no line changed\n");
    }

    @Test
    void auditShouldShowWhatEachChangeRemovedAndAdded() {
        String answer = "[{\"at\":\"2026-11-28T10:00:02Z\",\"version\":3,\"actor\":\"root\",\"action\":\"change trusted-network\","
            + "\"before\":\"trusted-network ::1/128\",\"after\":\"trusted-network ::1/128 served-senders-only\"},"
            + "{\"at\":\"2026-11-28T10:00:01Z\",\"version\":2,\"actor\":\"deploy\",\"action\":\"import\","
            + "\"before\":\"# old\\nrelay-domain a.test\\nrelay-domain b.test\\n\",\"after\":\"# old\\nrelay-domain b.test\\nrelay-domain c.test\\n\"}]";

        assertThat(PolicyOutput.audit(Json.parse(answer))).isEqualTo(
            "2026-11-28T10:00:02Z  root  change trusted-network  (version 3)\n"
                + "    - trusted-network ::1/128\n"
                + "    + trusted-network ::1/128 served-senders-only\n"
                + "2026-11-28T10:00:01Z  deploy  import  (version 2)\n"
                + "    - relay-domain a.test\n"
                + "    + relay-domain c.test\n");
    }
}
