package io.ifw.backend.remote.aeron;

import io.ifw.core.shell.CommandFailures;
import io.ifw.core.shell.ShellCommand;
import io.ifw.core.shell.ShellJson;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
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
@Component(service = RemoteCommands.class)
@ShellCommand(function = "remote")
public final class RemoteCommands {

    private final List<RemoteEndpoint> endpoints = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addEndpoint(RemoteEndpoint endpoint) {
        endpoints.add(endpoint);
    }

    void removeEndpoint(RemoteEndpoint endpoint) {
        endpoints.remove(endpoint);
    }

    @Descriptor("shows every remote server and client of this container: channel, state, features, connected clients with "
            + "their traffic and lag, agents and dropped input. Example: ifw:remote")
    public String remote(@Descriptor("print one JSON object per server or client instead of text")
                         @Parameter(names = "--json", presentValue = "true", absentValue = "false") String json) {
        if ("true".equals(json)) {
            return ShellJson.lines(endpoints.stream().map(RemoteEndpoint::report).toList());
        }
        if (endpoints.isEmpty()) {
            return "no remote servers or clients (configure io.ifw.remote.server or io.ifw.remote.client)";
        }
        StringBuilder text = new StringBuilder();
        endpoints.stream().map(RemoteEndpoint::report).map(Object::toString).sorted().forEach(text::append);
        return text.toString().stripTrailing();
    }

    /** {@code ifw:remote} given arguments: INVALID_ARGUMENT naming the usage. */
    @Descriptor("any other arguments: says what the command takes")
    public String remote(Object... arguments) {
        throw CommandFailures.wrongArguments("ifw:remote [--json]", "", arguments);
    }
}
