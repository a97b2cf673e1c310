package org.jamesrelay.smtp;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.netty.BasicChannelInboundHandler;
import org.apache.james.protocols.smtp.core.DataCmdHandler;
import org.apache.james.smtpserver.ExtendedSMTPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Refuses a client that sends commands ahead where RFC 2920 does not allow it, as Postfix 3.9's
 * {@code smtpd_forbid_unauth_pipelining}: a command that must end a group (EHLO, HELO, STARTTLS, AUTH, DATA, NOOP,
 * VRFY, EXPN, ETRN, TURN, QUIT), the end of a message's data, or any command of a client that did not say EHLO,
 * followed by more input the client sent before it could read the answer (a QUIT alone may follow the final dot).
 * Such a client gets
 * {@code 554 5.5.0 Error: SMTP protocol synchronization} and is disconnected; the command is not run, so a message
 * whose final dot came with more input is not accepted (SMTP smuggling).
 * <p>
 * Two handlers share the counts: {@link Received} before James's line framer counts the bytes read from the
 * client, this one, between the framer and James's SMTP handler, the bytes of the lines handed on. More bytes
 * received than handed on when a command that must end a group arrives is input sent ahead.
 */
final class SynchronizationCheck extends ChannelInboundHandlerAdapter {
    static final String REPLY = "554 5.5.0 Error: SMTP protocol synchronization\r\n";
    private static final Logger LOGGER = LoggerFactory.getLogger("org.jamesrelay.limits");
    private static final Set<String> LAST_IN_GROUP = Set.of("EHLO", "HELO", "STARTTLS", "AUTH", "DATA", "NOOP", "VRFY", "EXPN", "ETRN",
        "TURN", "QUIT");

    private final AtomicLong received;
    private long handedOn;
    private boolean saidEhlo;
    private boolean inData;
    private ByteBuf heldDot;
    private boolean refused;

    SynchronizationCheck(AtomicLong received) {
        this.received = received;
    }

    /** Counts what the client sent, before James's framer. */
    static final class Received extends ChannelInboundHandlerAdapter {
        private final AtomicLong received;

        Received(AtomicLong received) {
            this.received = received;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof ByteBuf) {
                received.addAndGet(((ByteBuf) msg).readableBytes());
            }
            super.channelRead(ctx, msg);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (refused || !(msg instanceof ByteBuf)) {
            if (refused) {
                ReferenceCountUtil.release(msg);
            } else {
                super.channelRead(ctx, msg);
            }
            return;
        }
        ByteBuf line = (ByteBuf) msg;
        handedOn += line.readableBytes();
        boolean sentAhead = received.get() > handedOn;
        if (heldDot != null) {
            releaseDotIfQuitFollows(ctx, line, sentAhead);
            return;
        }
        if (inData) {
            if (isEndOfData(line)) {
                inData = false;
                if (sentAhead) {
                    heldDot = line;
                    return;
                }
            }
            super.channelRead(ctx, msg);
            return;
        }
        String command = command(line);
        if (sentAhead && (LAST_IN_GROUP.contains(command) || !saidEhlo)) {
            refuse(ctx, line, command);
            return;
        }
        if (command.equals("EHLO") || command.equals("HELO")) {
            saidEhlo = command.equals("EHLO");
        }
        super.channelRead(ctx, msg);
        if (command.equals("DATA")) {
            inData = dataAccepted(ctx);
        }
    }

    /**
     * A final dot came with more input: only a QUIT, and nothing after it, may follow (Postfix's SMTP client sends
     * its QUIT that way); then the message is accepted and the session ends as asked.
     */
    private void releaseDotIfQuitFollows(ChannelHandlerContext ctx, ByteBuf line, boolean sentAhead) throws Exception {
        ByteBuf dot = heldDot;
        heldDot = null;
        if (command(line).equals("QUIT") && !sentAhead) {
            super.channelRead(ctx, dot);
            super.channelRead(ctx, line);
            return;
        }
        ReferenceCountUtil.release(dot);
        refuse(ctx, line, "end of data");
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (heldDot != null) {
            ReferenceCountUtil.release(heldDot);
            heldDot = null;
        }
        super.channelInactive(ctx);
    }

    /** A line too long for James's framer was dropped without reaching here: what was received is handed on. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        handedOn = received.get();
        super.exceptionCaught(ctx, cause);
    }

    private void refuse(ChannelHandlerContext ctx, ByteBuf line, String after) {
        refused = true;
        ReferenceCountUtil.release(line);
        LOGGER.info("improper command pipelining after {} from {}", after.isEmpty() ? "connect" : after, ctx.channel().remoteAddress());
        ctx.writeAndFlush(Unpooled.copiedBuffer(REPLY, StandardCharsets.US_ASCII)).addListener(ChannelFutureListener.CLOSE);
    }

    /** Whether James took the DATA command just handed on: its message writer (or its envelope, outside James) is ready. */
    private static boolean dataAccepted(ChannelHandlerContext ctx) {
        Object session = ctx.channel().attr(BasicChannelInboundHandler.SESSION_ATTRIBUTE_KEY).get();
        if (session instanceof ExtendedSMTPSession) {
            return ((ExtendedSMTPSession) session).getMimeMessageWriter() != null;
        }
        return session instanceof ProtocolSession
            && ((ProtocolSession) session).getAttachment(DataCmdHandler.MAILENV, ProtocolSession.State.Transaction).isPresent();
    }

    private static boolean isEndOfData(ByteBuf line) {
        String text = line.toString(StandardCharsets.US_ASCII);
        return text.equals(".\r\n") || text.equals(".\n");
    }

    private static String command(ByteBuf line) {
        String text = line.toString(StandardCharsets.US_ASCII).trim();
        int space = text.indexOf(' ');
        return (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
    }
}
