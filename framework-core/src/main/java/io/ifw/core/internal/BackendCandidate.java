package io.ifw.core.internal;

import io.ifw.core.BackendInfo;
import io.ifw.core.spi.Backend;
import java.util.Objects;

/**
 * A backend discovery may bind: its service properties and the backend object.
 *
 * @param info    name, kind, remote flag, ranking, service id
 * @param backend the backend
 */
record BackendCandidate(BackendInfo info, Backend backend) {

    BackendCandidate {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(backend, "backend");
    }

    boolean isSimulation() {
        return info.isSimulation();
    }

    /** The same backend object (a re-registration with other properties is the same backend). */
    boolean sameBackend(BackendCandidate other) {
        return other != null && other.backend == backend;
    }
}
