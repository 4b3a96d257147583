package io.ifw.backend.remote.aeron.client;

import java.lang.System.Logger.Level;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Registers, updates and unregisters a client's remote backends on a thread of its own, in the
 * order the client's agent asked, so that the agent never runs OSGi service events (a
 * registration rebinds front ends synchronously, and their listeners, before it returns).
 * {@link #register} returns a handle at once; the registration it stands for is made on the
 * registrar's thread, before any later update or unregistration of it.
 */
public final class OffAgentRegistrar implements RemoteClient.Registrar, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(OffAgentRegistrar.class.getName());
    private static final long CLOSE_WAIT_S = 30;

    private final RemoteClient.Registrar registrar;
    private final ExecutorService thread;
    private final String owner;

    /** What {@link #register} returns: filled in on the registrar's thread. */
    private static final class Handle {
        private Object registration;
    }

    public OffAgentRegistrar(String owner, RemoteClient.Registrar registrar) {
        this.owner = owner;
        this.registrar = registrar;
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "ifw-remote-client-" + owner + "-services");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Object register(RemoteFeature.RemoteBackendService backend, Dictionary<String, Object> properties) {
        Handle handle = new Handle();
        Dictionary<String, Object> copy = copy(properties);
        run(() -> handle.registration = registrar.register(backend, copy));
        return handle;
    }

    @Override
    public void update(Object registration, Dictionary<String, Object> properties) {
        Handle handle = (Handle) registration;
        Dictionary<String, Object> copy = copy(properties);
        run(() -> {
            if (handle.registration != null) {
                registrar.update(handle.registration, copy);
            }
        });
    }

    @Override
    public void unregister(Object registration) {
        Handle handle = (Handle) registration;
        run(() -> {
            if (handle.registration != null) {
                registrar.unregister(handle.registration);
                handle.registration = null;
            }
        });
    }

    private void run(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "IFW: remote client '" + owner + "': a service registration failed: " + e, e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "IFW: remote client '" + owner + "' is closed; a registration change is dropped");
        }
    }

    private static Dictionary<String, Object> copy(Dictionary<String, Object> properties) {
        Hashtable<String, Object> copy = new Hashtable<>();
        for (var keys = properties.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            copy.put(key, properties.get(key));
        }
        return copy;
    }

    /** Runs what was asked so far (the client's last unregistrations among it), then stops the thread. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(CLOSE_WAIT_S, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "IFW: remote client '" + owner + "': service registrations still running after " + CLOSE_WAIT_S + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
