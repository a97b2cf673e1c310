package org.jamesrelay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.jamesrelay.core.Decision;
import org.jamesrelay.core.SmtpReply;
import org.jamesrelay.core.Verdict;
import org.junit.jupiter.api.Test;

class HookResultsTest {
    @Test
    void shouldDenyAPermanentRefusalWithThePolicysReply() {
        HookResult result = HookResults.refusal(Decision.of(Verdict.DENY, SmtpReply.of(550, "5.7.1", "Relay access denied"), "relay-denied"));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("550");
        assertThat(result.getSmtpDescription()).isEqualTo("5.7.1 Relay access denied");
    }

    @Test
    void shouldDenySoftlyATemporaryRefusal() {
        HookResult result = HookResults.refusal(Decision.of(Verdict.TEMPFAIL, SmtpReply.of(451, "4.3.0", "Try again later"), "policy-unavailable"));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(result.getSmtpRetCode()).isEqualTo("451");
        assertThat(result.getSmtpDescription()).isEqualTo("4.3.0 Try again later");
    }

    @Test
    void shouldDenySoftlyA4xxDenial() {
        HookResult result = HookResults.refusal(Decision.of(Verdict.DENY, SmtpReply.of(452, "4.5.3", "Too many recipients"), "limit"));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(result.getSmtpRetCode()).isEqualTo("452");
    }
}
