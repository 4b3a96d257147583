package io.ifw.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real headless Chromium (Debian's {@code chromium}), driven over the Chrome DevTools protocol
 * with the JDK's own HTTP and WebSocket clients: open a page, run JavaScript in it, take a
 * screenshot. Each instance has its own profile folder, removed at {@link #close}.
 */
final class Chromium implements AutoCloseable {

    /** What a test says when there is no browser. */
    static final String HOW_TO_GET_IT = "no Chromium found (set IFW_CHROMIUM, or: apt-get install -y chromium chromium-driver)";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_S = 30;

    private final Process process;
    private final Path profile;
    private final WebSocket page;
    private final AtomicInteger nextId = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();

    /** The browser's executable: IFW_CHROMIUM, else Debian's or another usual place; {@code null} when there is none. */
    static Path find() {
        String configured = System.getenv("IFW_CHROMIUM");
        List<String> candidates = configured != null && !configured.isBlank() ? List.of(configured)
                : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
        return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
    }

    Chromium(Path executable) throws Exception {
        profile = Files.createTempDirectory("ifw-chromium-");
        // As Debian's chromium runs in a sandbox of this machine: no sandbox of its own (root), no GPU,
        // and none of its calls home (the network here is closed).
        process = new ProcessBuilder(executable.toString(), "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--remote-debugging-port=0", "--window-size=1280,1100",
                "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        int port = devToolsPort();
        HttpClient http = HttpClient.newHttpClient();
        String webSocketUrl = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (webSocketUrl == null) {
            JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode target : targets) {
                if ("page".equals(target.path("type").asText())) {
                    webSocketUrl = target.get("webSocketDebuggerUrl").asText();
                }
            }
            if (webSocketUrl == null) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Chromium shows no page to drive: " + targets);
                }
                Thread.sleep(50);
            }
        }
        page = http.newWebSocketBuilder().buildAsync(URI.create(webSocketUrl), new Listener()).get(WAIT_S, TimeUnit.SECONDS);
        command("Page.enable", JSON.createObjectNode());
        command("Runtime.enable", JSON.createObjectNode());
    }

    /** The DevTools port Chromium chose, from the file it writes into its profile. */
    private int devToolsPort() throws Exception {
        Path file = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (true) {
            if (Files.isRegularFile(file)) {
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("Chromium exited with " + process.exitValue() + ": " + Files.readString(profile.resolve("chromium.log")));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Chromium did not open its DevTools port within " + WAIT_S + " s");
            }
            Thread.sleep(50);
        }
    }

    /** Opens {@code url} in the page. */
    void open(String url) throws Exception {
        ObjectNode params = JSON.createObjectNode().put("url", url);
        command("Page.navigate", params);
    }

    /** Runs a JavaScript expression in the page; its value (awaited when it is a promise). */
    JsonNode evaluate(String expression) throws Exception {
        ObjectNode params = JSON.createObjectNode().put("expression", expression).put("returnByValue", true).put("awaitPromise", true);
        JsonNode result = command("Runtime.evaluate", params);
        if (result.has("exceptionDetails")) {
            throw new AssertionError("the page failed on " + expression + ": " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Waits until a JavaScript expression is true in the page; the time it took, in milliseconds. */
    long awaitTrue(String expression, String what) throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (true) {
            JsonNode value;
            try {
                value = evaluate(expression);
            } catch (AssertionError e) {
                value = null; // the page is still loading
            }
            if (value != null && value.asBoolean(false)) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the page did not show " + what + " within " + WAIT_S + " s; the page: "
                        + evaluate("document.body ? document.body.innerText.slice(0, 2000) : ''"));
            }
            Thread.sleep(25);
        }
    }

    /** A screenshot of the page as PNG, written to {@code file}. */
    void screenshot(Path file) throws Exception {
        JsonNode result = command("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(result.get("data").asText()));
    }

    private JsonNode command(String method, ObjectNode params) throws Exception {
        int id = nextId.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        answers.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        page.sendText(message.toString(), true).get(WAIT_S, TimeUnit.SECONDS);
        JsonNode reply = answer.get(WAIT_S, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new AssertionError("Chromium refused " + method + ": " + reply.get("error"));
        }
        return reply.path("result");
    }

    @Override
    public void close() throws IOException {
        page.abort();
        // The browser's helpers (zygote, renderers, GPU and network services) write into the profile
        // too, and one may outlive the browser process for a moment: all of them end before it goes.
        List<ProcessHandle> helpers = process.descendants().toList();
        process.destroy();
        awaitExit(process.toHandle());
        for (ProcessHandle helper : helpers) {
            helper.destroy();
            awaitExit(helper);
        }
        deleteProfile();
    }

    /** Waits for {@code handle} to end, 10 s, then kills it and waits 10 s more. */
    private static void awaitExit(ProcessHandle handle) {
        if (!exited(handle)) {
            handle.destroyForcibly();
            exited(handle); // what is still left shows in the profile's removal
        }
    }

    private static boolean exited(ProcessHandle handle) {
        try {
            handle.onExit().get(10, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Removes the profile folder. A file or folder that vanishes while the folder is walked is gone
     * already (the visitor takes it so); one that appears after its folder was emptied makes the walk
     * start over, five times at most.
     */
    private void deleteProfile() throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                Files.walkFileTree(profile, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                        Files.deleteIfExists(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (e instanceof NoSuchFileException) {
                            return FileVisitResult.CONTINUE;
                        }
                        throw e;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                        if (e != null && !(e instanceof NoSuchFileException)) {
                            throw e;
                        }
                        Files.deleteIfExists(directory);
                        return FileVisitResult.CONTINUE;
                    }
                });
                return;
            } catch (DirectoryNotEmptyException e) {
                if (attempt == 5) {
                    throw new IOException("Chromium's profile " + profile + " kept getting new files after the browser ended", e);
                }
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> answer = answers.remove(message.get("id").intValue());
                        if (answer != null) {
                            answer.complete(message);
                        }
                    }
                } catch (IOException e) {
                    // not JSON: nothing a test waits for
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    static Duration waitBound() {
        return Duration.ofSeconds(WAIT_S);
    }
}
