package io.ifw.core.spi;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the runtime does before anything reads a local backend: restore its journaled state, or
 * wait (bounded) for the journal that will. Front ends go through it when they bind; a reader of
 * a backend's {@link ChangeLog} that is not a front end (a remote exporter, a gateway) asks it
 * too, so that it never reads a log whose numbering a recovery is about to continue. The runtime
 * registers it as a service.
 */
@ProviderType
public interface RecoveryBarrier {

    /**
     * Recovers {@code backend} if that is due and possible now.
     *
     * @param backendName its {@code ifw.backend.name} (see {@link BackendProperties#recoveryName})
     * @return {@code null} when it may be read now; else why it waits (call again after a {@link #onChange} notice)
     */
    String holdBack(Backend backend, String backendName);

    /** {@code retry} runs whenever a backend held back may be ready (the recovery arrived, or the wait ended). */
    void onChange(Runnable retry);

    void removeOnChange(Runnable retry);
}
