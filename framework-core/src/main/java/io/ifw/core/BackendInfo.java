package io.ifw.core;

import java.util.Objects;

/**
 * What a feature knows about a backend: the service properties discovery reads.
 *
 * @param name       {@code ifw.backend.name}
 * @param kind       {@code production} or {@code simulation}
 * @param remote     whether it relays a backend in another process
 * @param ranking    {@code service.ranking}
 * @param serviceId  {@code service.id}, or a negative number for a backend not registered as a service
 */
public record BackendInfo(String name, String kind, boolean remote, int ranking, long serviceId) {

    public BackendInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    public boolean isSimulation() {
        return "simulation".equals(kind);
    }

    @Override
    public String toString() {
        return name + " (" + kind + (remote ? ", remote" : "") + ", ranking " + ranking + ")";
    }
}
