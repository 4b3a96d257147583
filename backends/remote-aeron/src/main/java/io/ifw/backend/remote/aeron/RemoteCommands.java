package io.ifw.backend.remote.aeron;

import io.ifw.core.shell.CommandFailures;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code ifw:remote}: every remote server and client of this process: channels, state, exported
 * and offered features, connected clients with their role, traffic and lag, heartbeat round
 * trips, and what was dropped as bad input.
 */
@Component(service = RemoteCommands.class, property = {"osgi.command.scope=ifw", "osgi.command.function=remote"})
public final class RemoteCommands {

    private final List<RemoteEndpoint> endpoints = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addEndpoint(RemoteEndpoint endpoint) {
        endpoints.add(endpoint);
    }

    void removeEndpoint(RemoteEndpoint endpoint) {
        endpoints.remove(endpoint);
    }

    public String remote() {
        if (endpoints.isEmpty()) {
            return "no remote servers or clients (configure io.ifw.remote.server or io.ifw.remote.client)";
        }
        StringBuilder text = new StringBuilder();
        endpoints.stream().map(RemoteEndpoint::report).map(Object::toString).sorted().forEach(text::append);
        return text.toString().stripTrailing();
    }

    /** {@code ifw:remote} given arguments: INVALID_ARGUMENT naming the usage. */
    public String remote(Object... arguments) {
        throw CommandFailures.wrongArguments("ifw:remote", "", arguments);
    }
}
