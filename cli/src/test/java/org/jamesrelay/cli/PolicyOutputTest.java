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
        assertThat(AuditOutput.audit(Json.parse("[]"))).isEqualTo("no change recorded\n");
        assertThat(PolicyOutput.lockouts(Json.parse("[]"))).isEqualTo("no lockout\n");
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
    void routesShouldBeTablesByDestinationThenBySender() {
        String answer = "{\"senderRoutesFirst\":false,\"routes\":["
            + "{\"destination\":\"relay.test\",\"kind\":\"domain\",\"rule\":\"route:relay.test\",\"hops\":[\"[127.0.0.1]:2526\"],"
            + "\"direct\":false,\"tls\":\"encrypt\",\"credentials\":\"up1\",\"balance\":\"failover\"},"
            + "{\"destination\":\"*\",\"kind\":\"default\",\"rule\":\"route:*\",\"hops\":[],\"direct\":true,\"tls\":\"may\","
            + "\"credentials\":null,\"balance\":\"failover\"}],"
            + "\"senderRoutes\":[{\"sender\":\"@marketing.test\",\"kind\":\"domain\",\"rule\":\"sender-route:@marketing.test\","
            + "\"hops\":[\"[127.0.0.1]:2527\",\"[127.0.0.1]:2528\"],\"direct\":false,\"tls\":\"may\",\"credentials\":null,"
            + "\"balance\":\"round-robin\"}]}";

        assertThat(RouteOutput.routes(Json.parse(answer))).isEqualTo(
            "DESTINATION  HOPS              TLS      CREDENTIALS  BALANCE\n"
                + "relay.test   [127.0.0.1]:2526  encrypt  up1          failover\n"
                + "*            direct            may      -            failover\n"
                + "\n"
                + "SENDER           HOPS                               TLS  CREDENTIALS  BALANCE\n"
                + "@marketing.test  [127.0.0.1]:2527,[127.0.0.1]:2528  may  -            round-robin\n"
                + "sender routes first: no\n");
    }

    @Test
    void routesWithoutADefaultRouteShouldSayWhereOtherMailGoes() {
        assertThat(RouteOutput.routes(Json.parse("{\"senderRoutesFirst\":false,\"routes\":[],\"senderRoutes\":[]}")))
            .isEqualTo("no default route (*): mail that no route matches goes directly to the MX of its domain\n");
        assertThat(RouteOutput.senderRoutes(Json.parse("[]"))).isEqualTo("no sender route\n");
        assertThat(RouteOutput.senderRoute(Json.parse("{\"sender\":\"ceo@marketing.test\",\"hops\":[\"[10.0.0.1]:25\"],"
            + "\"tls\":\"verify\",\"credentials\":\"mkt\",\"balance\":\"failover\"}")))
            .isEqualTo("SENDER              HOPS           TLS     CREDENTIALS  BALANCE\n"
                + "ceo@marketing.test  [10.0.0.1]:25  verify  mkt          failover\n");
    }

    @Test
    void filtersShouldBeOneRowPerRuleAndHeaderFilterThenTheAntivirus() {
        String answer = "{\"scopes\":[{\"scope\":\"relay.test\",\"attachmentRules\":["
            + "{\"action\":\"strip\",\"names\":[\"*.exe\",\"*.js\"],\"types\":[],\"sniffed\":[\"executable\",\"script\"],"
            + "\"encryptedArchives\":false,\"largerThan\":null,\"unparseable\":false,\"rule\":\"attachment-filter:relay.test:strip\"},"
            + "{\"action\":\"reject\",\"names\":[],\"types\":[\"application/x-msdownload\"],\"sniffed\":[],\"encryptedArchives\":true,"
            + "\"largerThan\":null,\"unparseable\":false,\"rule\":\"attachment-filter:relay.test:reject\"}],"
            + "\"headerFilter\":{\"remove\":[\"x-internal-*\",\"bcc\"]}},"
            + "{\"scope\":\"*\",\"attachmentRules\":[{\"action\":\"quarantine\",\"names\":[],\"types\":[],\"sniffed\":[],"
            + "\"encryptedArchives\":false,\"largerThan\":10485760,\"unparseable\":true,\"rule\":\"attachment-filter:*:quarantine\"},"
            + "{\"action\":\"strip\",\"names\":[],\"types\":[],\"sniffed\":[],\"encryptedArchives\":false,\"largerThan\":1500,"
            + "\"unparseable\":false,\"rule\":\"attachment-filter:*:strip\"}],\"headerFilter\":null}],"
            + "\"antivirus\":{\"clamd\":\"[127.0.0.1]:3310\",\"timeoutMillis\":120000,\"onVirus\":\"reject\",\"onFailure\":\"tempfail\"}}";

        assertThat(FilterOutput.filters(Json.parse(answer))).isEqualTo(
            "SCOPE       FILTER       ACTION      MATCHING\n"
                + "relay.test  attachments  strip       names=*.exe,*.js sniffed=executable,script\n"
                + "relay.test  attachments  reject      types=application/x-msdownload encrypted-archives\n"
                + "relay.test  headers      remove      x-internal-*,bcc\n"
                + "*           attachments  quarantine  larger-than=10M unparseable\n"
                + "*           attachments  strip       larger-than=1500\n"
                + "antivirus: clamd=[127.0.0.1]:3310 timeout=2m on-virus=reject on-failure=tempfail\n");
    }

    @Test
    void antivirusTimeoutShouldBeWrittenAsThePolicyWritesIt() {
        String answer = "{\"scopes\":[],\"antivirus\":{\"clamd\":\"[127.0.0.1]:3310\",\"timeoutMillis\":3600000,"
            + "\"onVirus\":\"reject\",\"onFailure\":\"tempfail\"}}";

        assertThat(FilterOutput.filters(Json.parse(answer)))
            .endsWith("antivirus: clamd=[127.0.0.1]:3310 timeout=1h on-virus=reject on-failure=tempfail\n");
    }

    @Test
    void filtersWithoutEntriesShouldSaySo() {
        assertThat(FilterOutput.filters(Json.parse("{\"scopes\":[],\"antivirus\":null}")))
            .isEqualTo("no attachment rule, no header filter\nantivirus: none: mail is not scanned\n");
        assertThat(FilterOutput.filterScope(Json.parse("{\"scope\":\"relay.test\",\"attachmentRules\":[],"
            + "\"headerFilter\":{\"remove\":[\"bcc\"]}}")))
            .isEqualTo("SCOPE       FILTER   ACTION  MATCHING\nrelay.test  headers  remove  bcc\n");
    }

    @Test
    void antivirusShouldShowItsOptions() {
        assertThat(FilterOutput.antivirus(Json.parse("{\"clamd\":\"[clamd.test]:3310\",\"timeoutMillis\":30000,\"onVirus\":\"reject\","
            + "\"onFailure\":\"tempfail\"}")))
            .isEqualTo("clamd       [clamd.test]:3310\ntimeout     30s\non-virus    reject\non-failure  tempfail\n");
    }

    @Test
    void explanationShouldShowTheRouteOfAnAcceptedRecipient() {
        String answer = "{\"verdict\":\"RELAY\",\"accepted\":true,\"reply\":{\"code\":250,\"enhancedStatus\":\"2.1.5\",\"text\":\"Recipient OK\"},"
            + "\"rule\":\"trusted-network:127.0.0.1/32\",\"warning\":null,\"policyVersion\":7,\"route\":{\"rule\":\"route:relay.test\","
            + "\"hops\":[\"[127.0.0.1]:2526\",\"[127.0.0.1]:2527\"],\"direct\":false,\"tls\":\"encrypt\",\"credentials\":\"up1\","
            + "\"balance\":\"failover\"},\"note\":null}";

        assertThat(ExplanationOutput.explanation(Json.parse(answer))).contains(
            "route    route:relay.test -> [127.0.0.1]:2526,[127.0.0.1]:2527 tls=encrypt credentials=up1 balance=failover\n");
        assertThat(ExplanationOutput.explanation(Json.parse(answer.replace("\"route\":{\"rule\":\"route:relay.test\",\"hops\":[\"[127.0.0.1]:2526\","
            + "\"[127.0.0.1]:2527\"],\"direct\":false,\"tls\":\"encrypt\",\"credentials\":\"up1\"", "\"route\":{\"rule\":\"default-route:direct\","
            + "\"hops\":[],\"direct\":true,\"tls\":\"may\",\"credentials\":null"))))
            .contains("route    default-route:direct -> direct tls=may balance=failover\n");
    }

    @Test
    void explanationShouldListTheLimitsWithTheirCounts() {
        String answer = "{\"verdict\":\"RELAY\",\"accepted\":true,\"reply\":null,\"rule\":\"authenticated-relay\",\"policyVersion\":3,"
            + "\"route\":null,\"note\":\"n\",\"limits\":{\"exempt\":false,\"errorLimits\":\"soft 10, hard 20, sleep 1000ms, junk 100\","
            + "\"lockout\":\"client 192.0.2.7: too many failed logins from this address for 840 s\",\"rateLimits\":["
            + "{\"name\":\"login-hourly\",\"key\":\"alice@local.test\",\"count\":2,\"max\":200,\"windowSeconds\":3600},"
            + "{\"name\":\"client-sessions\",\"key\":\"192.0.2.7\",\"count\":1,\"max\":10,\"windowSeconds\":null}]}}";

        assertThat(ExplanationOutput.explanation(Json.parse(answer)))
            .contains("limits   errors: soft 10, hard 20, sleep 1000ms, junk 100\n")
            .contains("         LOCKED OUT: client 192.0.2.7: too many failed logins from this address for 840 s\n")
            .contains("         login-hourly alice@local.test: 2 of 200 in 3600 s\n")
            .contains("         client-sessions 192.0.2.7: 1 of 10 at once\n");
        assertThat(ExplanationOutput.explanation(Json.parse(answer.replace("\"exempt\":false", "\"exempt\":true"))))
            .contains("limits   none: the client is spared (limit-exceptions)\n");
    }

    @Test
    void explanationShouldSayWhoDecidedAndHow() {
        String answer = "{\"verdict\":\"DENY\",\"accepted\":false,\"reply\":{\"code\":550,\"enhancedStatus\":\"5.7.1\","
            + "\"text\":\"<x@elsewhere.example>: Relay access denied\"},\"rule\":\"relay-denied\",\"warning\":null,\"policyVersion\":12,"
            + "\"senderDecision\":{\"verdict\":\"SENDER_ACCEPTED\",\"accepted\":true,\"reply\":{\"code\":250,\"enhancedStatus\":\"2.1.0\","
            + "\"text\":\"Sender OK\"},\"rule\":\"sender\",\"warning\":null},\"route\":null,\"note\":\"refused: nothing would be routed\"}";

        assertThat(ExplanationOutput.explanation(Json.parse(answer))).isEqualTo(
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

        assertThat(ExplanationOutput.explanation(Json.parse(answer))).endsWith("route    none\npolicy   version 3\nwarning  open relay mode\n");
    }

    @Test
    void auditShouldSayWhenAnImportChangedNothing() {
        String answer = "[{\"at\":\"2026-11-28T10:00:03Z\",\"version\":4,\"actor\":\"deploy\",\"action\":\"import\","
            + "\"before\":\"relay-domain a.test\\n\",\"after\":\"relay-domain a.test\\n\"}]";

        assertThat(AuditOutput.audit(Json.parse(answer))).isEqualTo("2026-11-28T10:00:03Z  deploy  import  (version 4)\n    = no line changed\n");
    }

    @Test
    void auditShouldShowWhatEachChangeRemovedAndAdded() {
        String answer = "[{\"at\":\"2026-11-28T10:00:02Z\",\"version\":3,\"actor\":\"root\",\"action\":\"change trusted-network\","
            + "\"before\":\"trusted-network ::1/128\",\"after\":\"trusted-network ::1/128 served-senders-only\"},"
            + "{\"at\":\"2026-11-28T10:00:01Z\",\"version\":2,\"actor\":\"deploy\",\"action\":\"import\","
            + "\"before\":\"# old\\nrelay-domain a.test\\nrelay-domain b.test\\n\",\"after\":\"# old\\nrelay-domain b.test\\nrelay-domain c.test\\n\"}]";

        assertThat(AuditOutput.audit(Json.parse(answer))).isEqualTo(
            "2026-11-28T10:00:02Z  root  change trusted-network  (version 3)\n"
                + "    - trusted-network ::1/128\n"
                + "    + trusted-network ::1/128 served-senders-only\n"
                + "2026-11-28T10:00:01Z  deploy  import  (version 2)\n"
                + "    - relay-domain a.test\n"
                + "    + relay-domain c.test\n");
    }

    @Test
    void rateLimitsShouldBeATable() {
        assertThat(PolicyOutput.rateLimits(Json.parse("[{\"name\":\"login-hourly\",\"scope\":\"login\",\"counts\":\"messages\",\"max\":200,"
            + "\"windowSeconds\":3600},{\"name\":\"client-sessions\",\"scope\":\"client\",\"counts\":\"sessions\",\"max\":50,\"windowSeconds\":null}]")))
            .contains("login-hourly", "200 in 3600 s", "client-sessions", "50 at once");
        assertThat(PolicyOutput.rateLimits(Json.parse("[]"))).isEqualTo("no rate limit\n");
    }

    @Test
    void lockoutsShouldBeOneALine() {
        assertThat(PolicyOutput.lockouts(Json.parse("[{\"scope\":\"client\",\"key\":\"192.0.2.7\",\"failures\":10,"
            + "\"windowSeconds\":600,\"until\":\"2026-01-01T00:15:00Z\",\"secondsLeft\":900}]")))
            .isEqualTo("client 192.0.2.7  10 failures in 600 s, until 2026-01-01T00:15:00Z (900 s left)\n");
    }
}
