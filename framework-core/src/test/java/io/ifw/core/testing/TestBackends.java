package io.ifw.core.testing;

import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.spi.AbstractBackend;
import org.osgi.util.promise.Deferred;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.Promises;

/** Backends used by the unit tests. */
public final class TestBackends {

    private TestBackends() {
    }

    /** A lamp backend whose blink answers only when told to (or never). */
    public static final class LampBackend extends AbstractBackend<Lamp> {
        private volatile Deferred<Integer> pendingBlink;
        /** The call timeout the last blink was asked with (a CallTimeout), or 0 for none. */
        public volatile long lastBlinkTimeoutMs;

        public LampBackend(boolean on, int brightness) {
            super(Lamp.class);
            update(Lamp::on, on);
            update(Lamp::brightness, brightness);
            update(Lamp::burnHours, 120);
        }

        public Promise<Integer> blink(int times) {
            lastBlinkTimeoutMs = io.ifw.core.CallTimeout.currentMs(0);
            if (times < 0) {
                throw new FeatureException(ErrorCode.INVALID_ARGUMENT, "times must not be negative, was " + times);
            }
            if (times == 0) {
                return Promises.resolved(0);
            }
            pendingBlink = new Deferred<>();
            return pendingBlink.getPromise();
        }

        public void answerBlink(int value) {
            pendingBlink.resolve(value);
        }

        public void setBrightnessFromHardware(int value) {
            update(Lamp::brightness, value);
        }
    }
}
