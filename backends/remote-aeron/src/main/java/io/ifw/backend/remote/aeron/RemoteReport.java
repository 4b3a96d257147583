package io.ifw.backend.remote.aeron;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What {@code ifw:remote} shows: every server and client of this process, as plain data. */
public final class RemoteReport {

    private RemoteReport() {
    }

    /**
     * A server's or client's agent thread: its duty cycles, the work items they did, the longest
     * {@code doWork}, and the errors its handler saw (an {@link Error} stops it).
     */
    public record Agent(String name, long dutyCycles, long workDone, long longestDoWorkNs, long errors, String lastError, boolean running) {

        @Override
        public String toString() {
            return "agent " + name + (running ? "" : " (stopped)") + ": " + dutyCycles + " duty cycles, " + workDone
                    + " work items, longest doWork " + String.format(java.util.Locale.ROOT, "%.1f", longestDoWorkNs / 1_000.0) + " µs, "
                    + errors + (errors == 1 ? " error" : " errors") + (lastError.isEmpty() ? "" : " (last: " + lastError + ")");
        }
    }

    /** A feature a server exports. */
    public record Exported(String featureId, String backend, long sequence, int subscribers) {
    }

    /** A client connected to a server. */
    public record Session(String client, String peer, String role, long connectedSinceEpochMs, long messagesIn, long messagesOut,
                          long calls, long snapshots, long catchUps, long journalCatchUps, long behindMs, int queuedAnswers) {
    }

    /** A server. */
    public record Server(String name, String channel, int streamId, String state, String detail, String aeronDirectory,
                         List<Exported> features, List<Session> clients, long cutOff, long droppedMessages,
                         Map<String, Long> droppedByReason, Agent agent, Agent callAgent, long driverErrors, String fanout) {

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            text.append("server ").append(name).append(" on ").append(channel).append(" stream ").append(streamId).append(": ")
                    .append(state).append(detail.isEmpty() ? "" : " (" + detail + ")").append('\n');
            for (Exported feature : features) {
                text.append("  exports ").append(feature.featureId()).append(" from ").append(feature.backend())
                        .append(", sequence ").append(feature.sequence()).append(", ").append(feature.subscribers())
                        .append(feature.subscribers() == 1 ? " subscriber" : " subscribers").append('\n');
            }
            for (Session client : clients) {
                text.append("  client ").append(client.client()).append(" from ").append(client.peer()).append(" (").append(client.role())
                        .append("), since ").append(Instant.ofEpochMilli(client.connectedSinceEpochMs())).append(": ")
                        .append(client.messagesIn()).append(" in, ").append(client.messagesOut()).append(" out, ")
                        .append(client.calls()).append(" calls, ").append(client.snapshots()).append(" snapshots, ").append(client.catchUps())
                        .append(" catch-ups").append(client.journalCatchUps() > 0 ? " (" + client.journalCatchUps() + " from the journal)" : "")
                        .append(", lag ")
                        .append(client.behindMs()).append(" ms").append(client.queuedAnswers() > 0 ? ", " + client.queuedAnswers()
                                + " answers queued" : "").append('\n');
            }
            if (clients.isEmpty()) {
                text.append("  no clients\n");
            }
            if (cutOff > 0) {
                text.append("  cut off ").append(cutOff).append(cutOff == 1 ? " client" : " clients").append(" that stopped reading\n");
            }
            if (!fanout.isEmpty()) {
                text.append("  ").append(fanout).append('\n');
            }
            if (droppedMessages > 0) {
                text.append("  dropped ").append(droppedMessages).append(" bad messages: ").append(droppedByReason).append('\n');
            }
            if (agent != null) {
                text.append("  ").append(agent).append('\n');
            }
            if (callAgent != null) {
                text.append("  ").append(callAgent).append('\n');
            }
            if (driverErrors > 0) {
                text.append("  embedded media driver: ").append(driverErrors).append(driverErrors == 1 ? " error" : " errors")
                        .append(" (see the log)\n");
            }
            return text.toString();
        }
    }

    /** A feature a client is offered. */
    public record Offered(String featureId, String serverBackend, String state, String detail, long lastSequence) {
    }

    /** A client. */
    public record Client(String name, String channel, int streamId, String state, String detail, String server, String role,
                         double roundTripMicros, long callsInFlight, long callsTimedOut, long lateAnswersDropped,
                         List<Offered> features, long droppedMessages,
                         Map<String, Long> droppedByReason, Agent agent, Agent deliveryAgent, long driverErrors, String fanout) {

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            text.append("client ").append(name).append(" of ").append(channel).append(" stream ").append(streamId).append(": ")
                    .append(state).append(detail.isEmpty() ? "" : " (" + detail + ")");
            if (!server.isEmpty()) {
                text.append(", server ").append(server).append(" (").append(role).append("), heartbeat round trip ")
                        .append(String.format(java.util.Locale.ROOT, "%.1f", roundTripMicros)).append(" µs, ").append(callsInFlight)
                        .append(" calls in flight, ").append(callsTimedOut).append(" timed out, ").append(lateAnswersDropped)
                        .append(" late answers dropped");
            }
            text.append('\n');
            for (Offered feature : features) {
                text.append("  ").append(feature.featureId()).append(" from ").append(feature.serverBackend()).append(": ")
                        .append(feature.state()).append(feature.detail().isEmpty() ? "" : " (" + feature.detail() + ")")
                        .append(", sequence ").append(feature.lastSequence()).append('\n');
            }
            if (!fanout.isEmpty()) {
                text.append("  ").append(fanout).append('\n');
            }
            if (droppedMessages > 0) {
                text.append("  dropped ").append(droppedMessages).append(" bad messages: ").append(droppedByReason).append('\n');
            }
            if (agent != null) {
                text.append("  ").append(agent).append('\n');
            }
            if (deliveryAgent != null) {
                text.append("  ").append(deliveryAgent).append('\n');
            }
            if (driverErrors > 0) {
                text.append("  embedded media driver: ").append(driverErrors).append(driverErrors == 1 ? " error" : " errors")
                        .append(" (see the log)\n");
            }
            return text.toString();
        }
    }
}
