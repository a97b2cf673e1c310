package org.jamesrelay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.james.protocols.smtp.core.esmtp.AuthCmdHandler;
import org.apache.james.protocols.smtp.core.esmtp.StartTlsCmdHandler;
import org.apache.james.smtpserver.AuthRequiredToRelayRcptHook;
import org.apache.james.smtpserver.CoreCmdHandlerLoader;
import org.apache.james.smtpserver.JamesDataCmdHandler;
import org.apache.james.smtpserver.JamesRcptCmdHandler;
import org.apache.james.smtpserver.JamesWelcomeMessageHandler;
import org.apache.james.smtpserver.SendMailHandler;
import org.apache.james.smtpserver.SenderAuthIdentifyVerificationHook;
import org.junit.jupiter.api.Test;

class RelayCoreHandlersTest {
    @Test
    void shouldLeaveOutJamesRelayAndIdentityChecks() {
        assertThat(new RelayCoreHandlers().getHandlers())
            .doesNotContain(AuthRequiredToRelayRcptHook.class.getName(), SenderAuthIdentifyVerificationHook.class.getName());
    }

    @Test
    void shouldKeepEveryOtherCoreHandler() {
        assertThat(new RelayCoreHandlers().getHandlers())
            .hasSize(new CoreCmdHandlerLoader().getHandlers().size() - 2 + 3)
            .contains(JamesRcptCmdHandler.class.getName(), StartTlsCmdHandler.class.getName(), JamesDataCmdHandler.class.getName());
    }

    @Test
    void shouldReplaceJamesAuthCommandByOneThatHonoursTheAnnouncement() {
        assertThat(new RelayCoreHandlers().getHandlers())
            .contains(GuardedAuthCmdHandler.class.getName())
            .doesNotContain(AuthCmdHandler.class.getName());
    }

    @Test
    void shouldCountRefusedCommands() {
        assertThat(new RelayCoreHandlers().getHandlers()).contains(ErrorLimitHandler.class.getName(), PipeliningGuard.class.getName());
    }

    @Test
    void shouldCountBytesBeforeSpoolingAndGreetWithinTheConnectionLimits() {
        List<String> handlers = new RelayCoreHandlers().getHandlers();

        assertThat(handlers.indexOf(RateLimitMessageHook.class.getName())).isEqualTo(handlers.indexOf(SpoolHandler.class.getName()) - 1);
        assertThat(handlers).contains(LimitedWelcomeHandler.class.getName())
            .doesNotContain(JamesWelcomeMessageHandler.class.getName());
    }

    @Test
    void shouldSpoolWithAHandlerThatTellsAFullDiskApart() {
        assertThat(new RelayCoreHandlers().getHandlers())
            .contains(SpoolHandler.class.getName())
            .doesNotContain(SendMailHandler.class.getName());
    }
}
