package org.jamesrelay.mailets;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;

import org.apache.james.transport.mailets.remote.delivery.ExecutionResult;
import org.apache.james.transport.mailets.remote.delivery.MailDelivrerToHost;
import org.apache.james.transport.mailets.remote.delivery.RemoteDeliveryConfiguration;
import org.apache.mailet.HostAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * James's delivery of a mail to one host of a transport, over SMTP sessions kept open between mails: the TCP
 * handshake, greeting, EHLO, STARTTLS and AUTH happen once per session, and a mail on a reused session starts with
 * RSET, which also checks that the hop still answers (in the same round trip as the mail's envelope where the hop
 * offers PIPELINING, see {@link TrackedSmtpTransport}). James's {@code MailDelivrer} still chooses the hosts (failover, load balancing, MX) and turns
 * failures into retries, partial deliveries and bounces.
 * <p>
 * A reused session that fails before the hop can have taken the mail (before the end of its data), other than with a
 * permanent (5xx) reply, was most likely closed by the hop meanwhile: the mail is sent at once over a new session.
 * After the end of data, a failure is the mail's own (the hop may have taken it): it is never sent again here.
 */
final class ReusingMailDelivrerToHost extends MailDelivrerToHost {
    private static final Logger LOGGER = LoggerFactory.getLogger(ReusingMailDelivrerToHost.class);

    private final RemoteDeliveryConfiguration configuration;
    private final SessionCache<TrackedSmtpTransport> sessions;
    private final MailTransaction transaction;
    private final boolean pipelining;

    ReusingMailDelivrerToHost(RemoteDeliveryConfiguration configuration, MailetContext mailetContext,
                              SessionCache<TrackedSmtpTransport> sessions, boolean pipelining) {
        super(configuration, mailetContext);
        this.configuration = configuration;
        this.sessions = sessions;
        this.pipelining = pipelining;
        this.transaction = new MailTransaction(mailetContext);
    }

    @Override
    public ExecutionResult tryDeliveryToHost(Mail mail, Collection<InternetAddress> recipients, HostAddress host) throws MessagingException {
        Object hop = hopKey(host);
        Optional<SessionCache.Lease<TrackedSmtpTransport>> reused = sessions.take(hop);
        if (reused.isPresent()) {
            SessionCache.Lease<TrackedSmtpTransport> lease = reused.get();
            lease.session().resetWithNextMail();
            int endsOfDataBefore = lease.session().endsOfData();
            try {
                return deliverOver(hop, lease, mail, recipients);
            } catch (MessagingException e) {
                if (lease.session().endsOfData() != endsOfDataBefore || lease.session().lastFailureWasPermanent()) {
                    throw e;
                }
                LOGGER.info("Reused session to {} failed for {} before the end of data ({}): sending over a new session",
                    host.getHostName(), mail.getName(), e.getMessage());
            }
        }
        return deliverOver(hop, sessions.opened(connect(host)), mail, recipients);
    }

    /** Sends the mail; the session is kept for another mail only if everything went right. */
    private ExecutionResult deliverOver(Object hop, SessionCache.Lease<TrackedSmtpTransport> lease, Mail mail,
                                        Collection<InternetAddress> recipients) throws MessagingException {
        boolean delivered = false;
        try {
            transaction.send(mail, recipients, lease.session());
            delivered = true;
        } finally {
            if (delivered) {
                sessions.release(hop, lease);
            } else {
                sessions.discard(lease);
            }
        }
        return ExecutionResult.success();
    }

    /** Sessions are kept per deliverer (one transport with one login) and host. */
    private List<Object> hopKey(HostAddress host) {
        return List.of(this, host.getProtocol(), host.getHostName(), host.getHost(), host.getPort());
    }

    /** A new session, set up as James's MailDelivrerToHost sets up its own: HELO name, STARTTLS and AUTH as configured. */
    private TrackedSmtpTransport connect(HostAddress host) throws MessagingException {
        Properties properties = new Properties();
        properties.putAll("smtps".equalsIgnoreCase(host.getProtocol())
            ? configuration.createFinalJavaxPropertiesWithSSL()
            : configuration.createFinalJavaxProperties());
        // A session is closed when it is idle, too old or failed, often by a delivery thread: QUIT is sent, and its
        // reply not awaited, so that a hop that stopped answering does not hold that thread for the read timeout.
        properties.put("mail." + host.getProtocol() + ".quitwait", "false");
        TrackedSmtpTransport transport = new TrackedSmtpTransport(Session.getInstance(properties), host, pipelining);
        transport.setLocalHost(properties.getProperty("mail." + host.getProtocol() + ".localhost",
            configuration.getHeloNameProvider().getHeloName()));
        try {
            if (configuration.getAuthUser() != null) {
                transport.connect(hostName(host), configuration.getAuthUser(), configuration.getAuthPass());
            } else if (configuration.isConnectByHostname()) {
                transport.connect(hostName(host), null, null);
            } else {
                transport.connect();
            }
            return transport;
        } catch (MessagingException e) {
            close(transport);
            throw e;
        }
    }

    private static String hostName(HostAddress host) {
        String name = host.getHostName();
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** Ends a session with QUIT, or drops it if the hop is gone. */
    static void close(TrackedSmtpTransport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            LOGGER.debug("Session to {} closed without QUIT: {}", transport.getURLName(), e.getMessage());
        }
    }
}
