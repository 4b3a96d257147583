package io.ifw.backend.remote.aeron.client;


import static org.assertj.core.api.Assertions.assertThat;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OffAgentRegistrarTest {

    /** Records what it is asked and on which thread; its first registration waits for the test. */
    private static final class Recording implements RemoteClient.Registrar {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public Object register(RemoteFeature.RemoteBackendService backend, Dictionary<String, Object> properties) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            calls.add(Thread.currentThread().getName() + " register " + properties.get("n"));
            return "registration-" + properties.get("n");
        }

        @Override
        public void update(Object registration, Dictionary<String, Object> properties) {
            calls.add(Thread.currentThread().getName() + " update " + registration + " " + properties.get("n"));
        }

        @Override
        public void unregister(Object registration) {
            calls.add(Thread.currentThread().getName() + " unregister " + registration);
        }
    }

    private static Dictionary<String, Object> properties(int n) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("n", n);
        return properties;
    }

    @Test
    void shouldRegisterOnItsOwnThreadInTheOrderAskedWithoutHoldingTheCaller() {
        Recording delegate = new Recording();
        OffAgentRegistrar registrar = new OffAgentRegistrar("car", delegate);
        Dictionary<String, Object> changing = properties(2);

        Object handle = registrar.register(null, properties(1));
        registrar.update(handle, changing);
        changing.put("n", 99); // the caller reuses its dictionary: what was asked is what is done
        registrar.unregister(handle);
        assertThat(delegate.calls).as("nothing ran on the caller's thread; the first registration still waits").isEmpty();

        delegate.release.countDown();
        registrar.close();

        String thread = "ifw-remote-client-car-services";
        assertThat(delegate.calls).containsExactly(thread + " register 1", thread + " update registration-1 2",
                thread + " unregister registration-1");
    }

    @Test
    void shouldDropChangesAskedAfterItClosed() {
        Recording delegate = new Recording();
        delegate.release.countDown();
        OffAgentRegistrar registrar = new OffAgentRegistrar("car", delegate);
        registrar.close();

        registrar.register(null, properties(1));

        assertThat(delegate.calls).isEmpty();
    }
}
