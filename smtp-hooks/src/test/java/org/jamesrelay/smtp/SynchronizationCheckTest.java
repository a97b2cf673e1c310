package org.jamesrelay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;

/** The check between a line framer like James's and a handler that records the lines handed on. */
class SynchronizationCheckTest {
    private final List<String> handedOn = new ArrayList<>();
    private final EmbeddedChannel channel = channel();

    private EmbeddedChannel channel() {
        AtomicLong received = new AtomicLong();
        return new EmbeddedChannel(new SynchronizationCheck.Received(received), new LineBasedFrameDecoder(1000, false, false),
            new SynchronizationCheck(received), new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ByteBuf line = (ByteBuf) msg;
                    handedOn.add(line.toString(StandardCharsets.US_ASCII).trim());
                    line.release();
                }

                /** As James's SMTP handler: a line too long is answered, the session goes on. */
                @Override
                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    handedOn.add("(" + cause.getClass().getSimpleName() + ")");
                }
            });
    }

    private void send(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
    }

    private String written() {
        ByteBuf reply = channel.readOutbound();
        return reply == null ? "" : reply.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void aGroupAllowedByRfc2920ShouldBeHandedOn() {
        send("EHLO client.example\r\n");
        send("MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nRCPT TO:<c@example.com>\r\nDATA\r\n");

        assertThat(handedOn).containsExactly("EHLO client.example", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.com>",
            "RCPT TO:<c@example.com>", "DATA");
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void aCommandSentWithEhloShouldBeRefusedAndTheConnectionClosed() {
        send("EHLO client.example\r\nMAIL FROM:<a@example.com>\r\n");

        assertThat(handedOn).isEmpty();
        assertThat(written()).isEqualTo(SynchronizationCheck.REPLY);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aClientThatSaidHeloShouldNotPipeline() {
        send("HELO client.example\r\n");
        send("MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\n");

        assertThat(handedOn).containsExactly("HELO client.example");
        assertThat(written()).isEqualTo(SynchronizationCheck.REPLY);
    }

    @Test
    void aLineTooLongForTheFramerShouldNotLeaveInputCountedAsPending() {
        send("EHLO client.example\r\n");
        send("X".repeat(2000) + "\r\n");
        send("NOOP\r\n");

        assertThat(handedOn).containsExactly("EHLO client.example", "(TooLongFrameException)", "NOOP");
    }
}
