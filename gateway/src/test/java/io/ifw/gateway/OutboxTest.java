package io.ifw.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OutboxTest {

    /** A channel whose sends complete when the test says so: a client that reads, or not. */
    private static class SlowChannel implements ClientChannel {
        final List<String> written = new ArrayList<>();
        final List<Consumer<Throwable>> pending = new ArrayList<>();
        int inFlightMax;
        String closed;
        boolean completeAtOnce;

        @Override
        public void send(String text, Consumer<Throwable> done) {
            written.add(text);
            if (completeAtOnce) {
                done.accept(null);
                return;
            }
            pending.add(done);
            inFlightMax = Math.max(inFlightMax, pending.size());
        }

        void completeOne() {
            pending.remove(0).accept(null);
        }

        @Override
        public void close(int code, String reason) {
            closed = code + " " + reason;
        }

        @Override
        public void abort(int code, String reason) {
            closed = code + " " + reason + " (aborted)";
        }

        @Override
        public String peer() {
            return "test";
        }
    }

    @Test
    void shouldSendOneAtATimeAndEventsBeforeState() {
        SlowChannel channel = new SlowChannel();
        List<String> cutOff = new ArrayList<>();
        Outbox outbox = new Outbox(channel, 10, cutOff::add);
        outbox.state("v|a", "a1");
        outbox.state("v|b", "b1");
        outbox.event("e1");
        outbox.state("v|a", "a2");
        assertThat(channel.written).containsExactly("a1");
        channel.completeOne();
        channel.completeOne();
        channel.completeOne();
        assertThat(channel.written).containsExactly("a1", "e1", "b1", "a2");
        assertThat(channel.inFlightMax).isEqualTo(1);
        assertThat(outbox.waiting()).isZero();
        assertThat(cutOff).isEmpty();
    }

    @Test
    void shouldGiveASlowClientTheNewestValueOnly() {
        SlowChannel channel = new SlowChannel();
        Outbox outbox = new Outbox(channel, 10, reason -> { });
        outbox.state("v|t", "first");
        for (int i = 0; i < 1000; i++) {
            outbox.state("v|t", "value " + i);
        }
        assertThat(outbox.waiting()).isEqualTo(1);
        assertThat(outbox.conflated()).isEqualTo(999);
        channel.completeOne();
        channel.completeOne();
        assertThat(channel.written).containsExactly("first", "value 999");
        assertThat(outbox.sent()).isEqualTo(2);
    }

    @Test
    void shouldCutOffAClientPastTheEventBoundAndSendNothingMore() {
        SlowChannel channel = new SlowChannel();
        List<String> cutOff = new ArrayList<>();
        Outbox outbox = new Outbox(channel, 3, cutOff::add);
        for (int i = 0; i < 4; i++) {
            outbox.event("e" + i); // e0 in flight, e1..e3 wait
        }
        assertThat(cutOff).isEmpty();
        outbox.event("e4");
        assertThat(cutOff).containsExactly("the client did not read its messages: 4 events waiting (the bound is 3)");
        assertThat(channel.closed).isEqualTo("1008 the client did not read its messages: 4 events waiting (the bound is 3) (aborted)");
        outbox.event("e5");
        outbox.state("v|x", "x");
        channel.completeOne();
        assertThat(channel.written).containsExactly("e0");
        assertThat(outbox.waiting()).isZero();
    }

    @Test
    void shouldDrainInlineCompletionsWithoutGrowingTheStack() {
        SlowChannel channel = new SlowChannel();
        channel.completeAtOnce = true;
        Outbox outbox = new Outbox(channel, 100_000, reason -> { });
        for (int i = 0; i < 50_000; i++) {
            outbox.event("e" + i);
        }
        assertThat(channel.written).hasSize(50_000);
        assertThat(outbox.sent()).isEqualTo(50_000);
    }

    @Test
    void shouldStopAtAFailedSendAndSayWhy() {
        List<String> cutOff = new ArrayList<>();
        ClientChannel failing = new SlowChannel() {
            @Override
            public void send(String text, Consumer<Throwable> done) {
                done.accept(new java.io.IOException("broken pipe"));
            }
        };
        Outbox outbox = new Outbox(failing, 10, cutOff::add);
        outbox.event("e1");
        outbox.event("e2");
        assertThat(cutOff).containsExactly("sending failed: java.io.IOException: broken pipe");
        assertThat(outbox.waiting()).isZero();
    }
}
