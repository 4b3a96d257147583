package io.ifw.backend.remote.aeron;

import io.ifw.backend.remote.aeron.protocol.Frames;
import io.ifw.backend.remote.aeron.protocol.Messages;
import io.ifw.backend.remote.aeron.protocol.ZoneNames;
import io.ifw.benchmarks.Echo;
import io.ifw.codec.FeatureCodec;
import io.ifw.core.model.FeatureModel;
import io.ifw.remote.protocol.sbe.CallDecoder;
import io.ifw.remote.protocol.sbe.CallKind;
import io.ifw.remote.protocol.sbe.MessageHeaderDecoder;
import io.ifw.remote.protocol.sbe.UpdateDecoder;
import io.ifw.remote.protocol.sbe.UpdateKind;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one message costs to encode and decode in steady state, the way the server and client do
 * it: the SBE envelope with its checks, the zone name, the value through the model-driven codec.
 * Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ProtocolCodecBenchmark {

    private final Messages messages = new Messages();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final UpdateDecoder update = new UpdateDecoder();
    private final CallDecoder call = new CallDecoder();
    private final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer zone = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer payload = new UnsafeBuffer(0, 0);
    private final ZoneNames zones = new ZoneNames();
    private FeatureCodec payloads;
    private int stamp;
    private int echo;
    private long sequence;
    private int encodedUpdate;
    private final Long smallValue = 42L;
    private final Object[] arguments = {42L};

    @Setup
    public void setUp() {
        FeatureModel model = FeatureModel.of(Echo.class);
        payloads = new FeatureCodec(model);
        stamp = model.member("stamp").index();
        echo = model.member("echo").index();
        encodedUpdate = encodeUpdate();
    }

    /** The server's side of a change: value and envelope, ready to offer. */
    @Benchmark
    public int encodeUpdate() {
        int length = payloads.putValue(stamp, smallValue, messages.payload, 0);
        return messages.update(0, ++sequence, UpdateKind.VALUE, stamp, "Rear", length);
    }

    /** The client's side of a change, up to the decoded value (a cached Long here: no box to allocate). */
    @Benchmark
    public Object decodeUpdate() {
        int template = Frames.check(messages.buffer, 0, encodedUpdate);
        if (template != UpdateDecoder.TEMPLATE_ID) {
            throw new IllegalStateException("template " + template);
        }
        frame.wrap(messages.buffer, 0, encodedUpdate);
        header.wrap(frame, 0);
        update.wrap(frame, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        long at = update.sequence();
        int member = update.member();
        update.wrapZone(zone);
        String name = zones.of(zone, 0, zone.capacity());
        update.wrapPayload(payload);
        Object value = payloads.value(member, payload, 0, payload.capacity());
        return at + name.length() + value.hashCode();
    }

    /** The client's side of a call: arguments and envelope. */
    @Benchmark
    public int encodeCall() {
        int length = payloads.putArguments(echo, arguments, messages.payload, 0);
        return messages.call(7, ++sequence, 0, CallKind.INVOKE, echo, 10_000, 0, "", length);
    }

    /** The server's side of a call, up to the decoded arguments (an array the backend receives: 24 bytes). */
    @Benchmark
    public Object decodeCall() {
        int length = messages.call(7, 1, 0, CallKind.INVOKE, echo, 10_000, 0, "", payloads.putArguments(echo, arguments, messages.payload, 0));
        frame.wrap(messages.buffer, 0, length);
        if (Frames.check(frame, 0, length) != CallDecoder.TEMPLATE_ID) {
            throw new IllegalStateException();
        }
        header.wrap(frame, 0);
        call.wrap(frame, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        call.wrapZone(zone);
        String name = zones.of(zone, 0, zone.capacity());
        call.wrapPayload(payload);
        return payloads.arguments(call.member(), payload, 0, payload.capacity()).length + name.length();
    }
}
