package io.ifw.backend.remote.aeron.client;


import static org.assertj.core.api.Assertions.assertThat;

import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.osgi.util.promise.Deferred;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.PromiseFactory;

class PendingCallsTest {

    private static final PromiseFactory PROMISES = new PromiseFactory(PromiseFactory.inlineExecutor());
    private static final UnsafeBuffer LONG_7 = new UnsafeBuffer(new byte[] {7, 0, 0, 0, 0, 0, 0, 0});

    private final PendingCalls calls = new PendingCalls("aeron:ipc");

    private Promise<Object> call(long id, long timeoutMs, CallOutbox.ResultReader reader) {
        Deferred<Object> answer = PROMISES.deferred();
        calls.add(id, answer, reader, timeoutMs, "invoke of io.example.Echo");
        return answer.getPromise();
    }

    private static FeatureException failureOf(Promise<?> promise) throws InterruptedException {
        return (FeatureException) promise.getFailure();
    }

    @Test
    void shouldResolveACallWithItsAnswerAndTellLateAnswersFromUnknownOnes() throws Exception {
        long first = calls.nextId();
        long second = calls.nextId();
        Promise<Object> echo = call(first, 10_000, (buffer, offset, length) -> buffer.getLong(offset));
        Promise<Object> failed = call(second, 10_000, null);

        assertThat(calls.answer(first, null, "", LONG_7)).isNull();
        assertThat(calls.answer(second, ErrorCode.OUT_OF_RANGE, "the constraint is [16-30]", new UnsafeBuffer(new byte[0]))).isNull();

        assertThat(echo.getValue()).isEqualTo(7L);
        assertThat(failureOf(failed).code()).isEqualTo(ErrorCode.OUT_OF_RANGE);
        assertThat(failureOf(failed)).hasMessage("the constraint is [16-30]");
        assertThat(calls.answer(first, null, "", LONG_7)).as("answered twice").isEqualTo(PendingCalls.Unmatched.LATE);
        assertThat(calls.answer(99, null, "", LONG_7)).as("an id never given out").isEqualTo(PendingCalls.Unmatched.UNKNOWN);
        assertThat(calls.answer(0, null, "", LONG_7)).isEqualTo(PendingCalls.Unmatched.UNKNOWN);
        assertThat(calls.lateAnswers()).isEqualTo(1);
        assertThat(calls.isEmpty()).isTrue();
    }

    @Test
    void shouldTimeOutOnlyCallsPastTheirDeadlineAndCountThem() throws Exception {
        long id = calls.nextId();
        Promise<Object> soon = call(id, 1, null);
        Promise<Object> later = call(calls.nextId(), 60_000, null);

        assertThat(calls.timeOut(System.nanoTime() + 2_000_000)).isEqualTo(1);

        assertThat(failureOf(soon).code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(failureOf(soon)).hasMessage("the remote server on aeron:ipc did not answer the invoke of io.example.Echo within 1 ms");
        assertThat(later.isDone()).isFalse();
        assertThat(calls.timedOut()).isEqualTo(1);
        assertThat(calls.answer(id, null, "", LONG_7)).as("its answer comes late").isEqualTo(PendingCalls.Unmatched.LATE);
        assertThat(calls.size()).isEqualTo(1);
    }

    @Test
    void shouldFailACallWhoseAnswerCannotBeReadAndFailAllWhenTheConnectionIsLost() throws Exception {
        long id = calls.nextId();
        Promise<Object> unreadable = call(id, 10_000, (buffer, offset, length) -> {
            throw new ClassCastException("not a long");
        });
        Promise<Object> waiting = call(calls.nextId(), 10_000, null);

        calls.answer(id, null, "", LONG_7);
        calls.failAll(ErrorCode.NOT_CONNECTED, "the remote server on aeron:ipc is gone");

        assertThat(failureOf(unreadable).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(failureOf(unreadable)).hasMessage("cannot read the server's answer to the invoke of io.example.Echo: not a long");
        assertThat(failureOf(waiting).code()).isEqualTo(ErrorCode.NOT_CONNECTED);
        assertThat(calls.isEmpty()).isTrue();
    }
}
