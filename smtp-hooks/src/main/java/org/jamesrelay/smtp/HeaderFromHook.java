package org.jamesrelay.smtp;

import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;

import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.jamesrelay.core.ClientContext;
import org.jamesrelay.core.Decision;
import org.jamesrelay.james.RelayPolicyService;

/**
 * End of DATA: a logged-in client may only write From: addresses it owns, as for its MAIL FROM, when the policy
 * says {@code header-from-must-be-owned yes}. Otherwise an authenticated user could pass as another in the address
 * every mail reader shows.
 */
public class HeaderFromHook implements JamesMessageHook {
    private final RelayPolicyService policyService;
    private final DecisionLog decisionLog;

    @Inject
    public HeaderFromHook(RelayPolicyService policyService, DecisionLog decisionLog) {
        this.policyService = policyService;
        this.decisionLog = decisionLog;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        if (session.getUsername() == null) {
            return HookResult.DECLINED;
        }
        ClientContext client = SessionClient.of(session);
        Decision decision = policyService.decider().decideHeaderFrom(client, fromAddresses(mail));
        decisionLog.log("DATA", client, mail.getMaybeSender().asString(""), "", decision);
        return decision.isAccepted() ? HookResult.DECLINED : HookResults.refusal(decision);
    }

    /** The addresses of every From: header; a header that does not parse is passed as written, to be refused. */
    private static List<String> fromAddresses(Mail mail) {
        List<String> addresses = new ArrayList<>();
        try {
            String[] headers = mail.getMessage().getHeader("From");
            for (String header : headers == null ? new String[0] : headers) {
                addresses.addAll(parse(header));
            }
        } catch (MessagingException e) {
            addresses.add("(unreadable From: header: " + e.getMessage() + ")");
        }
        return addresses;
    }

    private static List<String> parse(String header) {
        List<String> addresses = new ArrayList<>();
        try {
            for (InternetAddress address : InternetAddress.parseHeader(header, true)) {
                addresses.add(address.getAddress());
            }
        } catch (AddressException e) {
            addresses.add(header);
        }
        return addresses;
    }
}
