package org.jamesrelay.cli;

import java.io.IOException;

/**
 * Password guessing: wrong passwords for one login, one after the other on one connection (after STARTTLS when
 * offered). A relay with a password-guessing defence delays, then refuses with a temporary reply or disconnects; one
 * that answers every guess {@code 535} lets a password be guessed. It locks the source address out of AUTH for the
 * relay's lockout time, so it runs only when asked for ({@code --brute-force N}), and last.
 */
final class BruteForceProbe implements Probe {
    private final int attempts;
    private final String login;

    BruteForceProbe(int attempts, String login) {
        this.attempts = attempts;
        this.login = login;
    }

    @Override
    public String category() {
        return "limits";
    }

    @Override
    public String description() {
        return attempts + " wrong passwords for " + login + " on one connection (password guessing)";
    }

    @Override
    public ProbeResult run(ProbeTarget target) throws IOException {
        try (SmtpClient client = target.openSessionWithoutLogin()) {
            for (int guess = 1; guess <= attempts; guess++) {
                ServerReply reply;
                try {
                    reply = client.authPlain(login, "selftest-wrong-password-" + guess);
                } catch (IOException closed) {
                    return new ProbeResult(this, ProbeResult.Outcome.REFUSED, "connection closed after " + (guess - 1) + " guesses");
                }
                if (reply.code() == 235) {
                    return new ProbeResult(this, ProbeResult.Outcome.ACCEPTED, "a wrong password was accepted: " + reply);
                }
                if (reply.code() != 535) {
                    boolean cut = reply.code() / 100 == 4;
                    return new ProbeResult(this, cut ? ProbeResult.Outcome.REFUSED : ProbeResult.Outcome.SKIPPED,
                        (cut ? "cut at guess #" : "AUTH not usable at guess #") + guess + ": " + reply);
                }
            }
            return new ProbeResult(this, ProbeResult.Outcome.ACCEPTED, "all " + attempts + " guesses answered 535, never cut");
        }
    }
}
