package io.ifw.core.internal;

import io.ifw.core.BackendInfo;
import io.ifw.core.model.CompatibilityReport;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.spi.Backend;
import java.util.Objects;

/**
 * A backend discovery may bind: its service properties and the backend object.
 *
 * @param info    name, kind, remote flag, ranking, service id
 * @param backend the backend
 * @param incompatibility the backend's own word that it cannot serve this feature model (the member
 *                differences, from {@link io.ifw.core.spi.BackendProperties#BACKEND_INCOMPATIBLE}), or {@code null}
 * @param recoveryName the name its journaled state is kept under ({@link io.ifw.core.spi.BackendProperties#recoveryName})
 */
record BackendCandidate(BackendInfo info, Backend backend, String incompatibility, String recoveryName) {

    BackendCandidate {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(recoveryName, "recoveryName");
    }

    BackendCandidate(BackendInfo info, Backend backend, String incompatibility) {
        this(info, backend, incompatibility, info.name());
    }

    BackendCandidate(BackendInfo info, Backend backend) {
        this(info, backend, null);
    }

    /**
     * Why this backend cannot serve a front end of {@code own}, or {@code null} when it can: its
     * own word ({@link io.ifw.core.spi.BackendProperties#BACKEND_INCOMPATIBLE}), or a model whose
     * members conflict with {@code own}'s.
     */
    String conflictWith(FeatureModel own) {
        if (incompatibility != null) {
            return "backend " + info.name() + " serves an incompatible " + own.id() + ": " + incompatibility;
        }
        FeatureModel offered = backend.model();
        if (offered == own || offered.fingerprint().equals(own.fingerprint())) {
            return null;
        }
        CompatibilityReport report = own.compareWith(offered);
        return report.compatible() ? null : "backend " + info.name() + " serves an incompatible " + own.id() + ": " + report.summary();
    }

    boolean isSimulation() {
        return info.isSimulation();
    }

    /** The same backend object (a re-registration with other properties is the same backend). */
    boolean sameBackend(BackendCandidate other) {
        return other != null && other.backend == backend;
    }
}
