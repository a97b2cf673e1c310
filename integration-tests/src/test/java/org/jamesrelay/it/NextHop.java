package org.jamesrelay.it;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP server on loopback standing in for the next hop the relay forwards to. It accepts any recipient.
 */
final class NextHop implements AutoCloseable {
    private final GreenMail greenMail;
    private final int port;

    static NextHop start() {
        return new NextHop(FreePorts.next());
    }

    private NextHop(int port) {
        this.port = port;
        this.greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
    }

    int port() {
        return port;
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    /** Waits, at most the given time, for a message with this subject to arrive. */
    Optional<MimeMessage> awaitSubject(String subject, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<MimeMessage> message = withSubject(subject).stream().findFirst();
            if (message.isPresent()) {
                return message;
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    List<MimeMessage> withSubject(String subject) {
        return Arrays.stream(greenMail.getReceivedMessages())
            .filter(message -> subject.equals(subjectOf(message)))
            .collect(Collectors.toList());
    }

    List<MimeMessage> withSubjectStartingWith(String prefix) {
        return Arrays.stream(greenMail.getReceivedMessages())
            .filter(message -> Optional.ofNullable(subjectOf(message)).orElse("").startsWith(prefix))
            .collect(Collectors.toList());
    }

    /** The values of one header over every message received. */
    List<String> headerValues(String name) {
        return Arrays.stream(greenMail.getReceivedMessages())
            .flatMap(message -> headerOf(message, name).stream())
            .collect(Collectors.toList());
    }

    private static List<String> headerOf(MimeMessage message, String name) {
        try {
            return Optional.ofNullable(message.getHeader(name)).map(List::of).orElse(List.of());
        } catch (MessagingException e) {
            return List.of();
        }
    }

    List<MimeMessage> receivedForDomain(String domain) {
        return List.of(greenMail.getReceivedMessagesForDomain(domain));
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            return null;
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
