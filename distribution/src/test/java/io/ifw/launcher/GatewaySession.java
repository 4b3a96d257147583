package io.ifw.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A test's session with a container's web gateway (the JSON protocol of docs/web.md) over the
 * JDK's WebSocket: requests answered by id, events kept in order for the test to wait for.
 */
final class GatewaySession implements AutoCloseable, WebSocket.Listener {

    static final ObjectMapper JSON = new ObjectMapper();
    static final long WAIT_S = 60;

    private final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final List<JsonNode> kept = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final AtomicInteger nextId = new AtomicInteger();
    private final WebSocket socket;
    private final String where;

    private GatewaySession(String uri, String where) throws Exception {
        this.where = where;
        socket = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(WAIT_S)).build().newWebSocketBuilder()
                .buildAsync(URI.create(uri), this).get(WAIT_S, TimeUnit.SECONDS);
    }

    /** Connects, retrying while the web server is not up yet, and waits for the welcome. */
    static GatewaySession connect(String uri, String where) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (true) {
            try {
                GatewaySession session = new GatewaySession(uri, where);
                session.await(m -> m.path("type").asText().equals("welcome"), "the welcome");
                return session;
            } catch (java.util.concurrent.ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no gateway at " + uri + " (" + where + ") within " + WAIT_S + " s: " + e.getCause());
                }
                Thread.sleep(200);
            }
        }
    }

    /** A new request of {@code type} with a fresh id. */
    ObjectNode message(String type) {
        ObjectNode message = JSON.createObjectNode();
        message.put("type", type);
        message.put("id", nextId.incrementAndGet());
        return message;
    }

    /** A new request of {@code type} on {@code feature} (and {@code zone}, when not null). */
    ObjectNode on(String type, String feature, String zone) {
        ObjectNode message = message(type).put("feature", feature);
        if (zone != null) {
            message.put("zone", zone);
        }
        return message;
    }

    /** Sends a request and waits for its answer (a reply or an error). */
    JsonNode request(ObjectNode message) throws InterruptedException {
        socket.sendText(message.toString(), true).join();
        int id = message.get("id").intValue();
        return await(m -> (m.path("type").asText().equals("reply") || m.path("type").asText().equals("error")) && m.path("id").asInt(-1) == id,
                "the answer to " + message);
    }

    /** A request that must be answered with a reply; its reply. */
    JsonNode ok(ObjectNode message) throws InterruptedException {
        JsonNode answer = request(message);
        if (!answer.path("type").asText().equals("reply")) {
            throw new AssertionError(where + " refused " + message + ": " + answer);
        }
        return answer;
    }

    /** The first message {@code test} accepts, among those kept and those to come (the others are kept). */
    JsonNode await(Predicate<JsonNode> test, String what) throws InterruptedException {
        synchronized (kept) {
            for (JsonNode message : kept) {
                if (test.test(message)) {
                    kept.remove(message);
                    return message;
                }
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode message = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
            if (message == null) {
                synchronized (kept) {
                    int from = Math.max(0, kept.size() - 20);
                    throw new AssertionError(where + ": no " + what + " within " + WAIT_S + " s; the last messages: " + kept.subList(from, kept.size()));
                }
            }
            if (test.test(message)) {
                return message;
            }
            synchronized (kept) {
                kept.add(message);
                if (kept.size() > 10_000) {
                    kept.remove(0);
                }
            }
        }
    }

    /** Forgets the messages kept so far. */
    void forget() {
        synchronized (kept) {
            received.drainTo(kept);
            kept.clear();
        }
    }

    /** The status of {@code feature} now (asked, not waited for). */
    JsonNode status(String feature) throws InterruptedException {
        for (JsonNode status : ok(message("features")).get("features")) {
            if (status.path("feature").asText().equals(feature)) {
                return status;
            }
        }
        throw new AssertionError(where + " has no feature " + feature);
    }

    /** The value of a property now (asked). */
    JsonNode value(String feature, String zone, String property) throws InterruptedException {
        return ok(on("get", feature, zone).put("property", property)).path("value");
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                received.add(JSON.readTree(partial.toString()));
            } catch (Exception e) {
                received.add(JSON.createObjectNode().put("type", "unreadable").put("text", partial.toString()));
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
