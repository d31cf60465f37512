package io.territoryos.localstack.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Chromium driven through its DevTools protocol over a java.net.http WebSocket: no driver binary, no npm,
 * nothing downloaded. One page, a fixed 1,400 px wide window, JavaScript evaluation and full-page screenshots.
 */
public final class Chromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    public static final int WIDTH = 1400;

    private final Process process;
    private final int port;
    private final boolean ownsProcess;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    /**
     * The Chromium of the machine: {@code $CHROME_BIN} or {@code $CHROMIUM} when set (and only then), else
     * {@code chromium} or {@code chromium-browser} on the PATH (Debian's and Ubuntu's names).
     */
    public static Optional<Path> executable() {
        for (String variable : List.of("CHROME_BIN", "CHROMIUM")) {
            String configured = System.getenv(variable);
            if (configured != null && !configured.isBlank()) {
                Path path = Path.of(configured);
                return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
            }
        }
        String searchPath = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String dir : searchPath.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank() && Files.isExecutable(Path.of(dir, name))) {
                    return Optional.of(Path.of(dir, name));
                }
            }
        }
        return Optional.empty();
    }

    /** Why {@link #executable()} found none, for a skip message or an error. */
    public static String notFound() {
        return "no Chromium: neither $CHROME_BIN nor $CHROMIUM names an executable, and no chromium or chromium-browser "
                + "on the PATH (Debian: apt-get install -y chromium)";
    }

    public static Chromium launch(Path executable, Path userDataDir) throws IOException, InterruptedException {
        Files.createDirectories(userDataDir);
        Process process = new ProcessBuilder(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + userDataDir, "--remote-debugging-port=0",
                "--window-size=" + WIDTH + ",1000", "about:blank"))
                .redirectErrorStream(true).redirectOutput(userDataDir.resolve("chromium.log").toFile()).start();
        try {
            int port = devToolsPort(process, userDataDir.resolve("DevToolsActivePort"));
            Listener listener = new Listener();
            JsonNode page = pageTarget(port, null);
            return new Chromium(process, port, true, connect(page, listener), listener);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static int devToolsPort(Process process, Path portFile) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(portFile)) {
                List<String> lines = Files.readAllLines(portFile);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            if (!process.isAlive()) {
                throw new IOException("chromium exited with " + process.exitValue() + " before it opened its DevTools port");
            }
            Thread.sleep(100);
        }
        throw new IOException("chromium opened no DevTools port within 30 s");
    }

    /** A page target: the one with this id, or (id null) the first page. */
    private static JsonNode pageTarget(int port, String id) throws IOException, InterruptedException {
        HttpResponse<String> targets = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode target : JSON.readTree(targets.body())) {
            if ("page".equals(target.path("type").asText()) && (id == null || id.equals(target.path("id").asText()))) {
                return target;
            }
        }
        throw new IOException("chromium shows no page target" + (id == null ? "" : " " + id) + ": " + targets.body());
    }

    private static WebSocket connect(JsonNode target, Listener listener) {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(target.get("webSocketDebuggerUrl").asText()), listener).join();
    }

    private Chromium(Process process, int port, boolean ownsProcess, WebSocket socket, Listener listener) {
        this.process = process;
        this.port = port;
        this.ownsProcess = ownsProcess;
        this.socket = socket;
        listener.owner = this; // answers only come to commands sent after this
    }

    /**
     * A second tab of the same browser (its own sessionStorage, so its own log-in), e.g. a second checker's view
     * of a proposal while the first tab still shows it pending. Closing the tab leaves the browser running.
     */
    public Chromium newTab() throws IOException, InterruptedException {
        String id = send("Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
        Listener listener = new Listener();
        return new Chromium(process, port, false, connect(pageTarget(port, id), listener), listener);
    }

    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder frame = new StringBuilder();
        private volatile Chromium owner;

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            frame.append(data);
            if (last) {
                String text = frame.toString();
                frame.setLength(0);
                try {
                    JsonNode message = JSON.readTree(text);
                    Chromium chromium = owner;
                    if (message.has("id") && chromium != null) {
                        CompletableFuture<JsonNode> answer = chromium.pending.remove(message.get("id").asInt());
                        if (answer != null) {
                            answer.complete(message);
                        }
                    }
                } catch (IOException ignored) {
                    // not a DevTools message: nothing waits for it
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    /** One DevTools command; its result, or an exception carrying the protocol's error. */
    public JsonNode send(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        socket.sendText(message.toString(), true).join();
        JsonNode reply;
        try {
            reply = answer.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(method + " got no answer: " + e, e);
        }
        if (reply.has("error")) {
            throw new IllegalStateException(method + " failed: " + reply.get("error"));
        }
        return reply.path("result");
    }

    public void navigate(String url) {
        send("Page.navigate", Map.of("url", url));
        waitFor("document.readyState === 'complete' && location.href !== 'about:blank'", Duration.ofSeconds(20), "page " + url + " loaded");
    }

    /** Evaluates an expression in the page (promises awaited) and returns its value as JSON. */
    public JsonNode eval(String expression) {
        JsonNode result = send("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true, "returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + result.get("exceptionDetails").path("exception").path("description").asText(
                    result.get("exceptionDetails").toString()));
        }
        return result.path("result").path("value");
    }

    /** Polls an expression until it gives a truthy value; that value. */
    public JsonNode waitFor(String expression, Duration patience, String what) {
        Instant deadline = Instant.now().plus(patience);
        JsonNode value;
        String lastError = "";
        do {
            try {
                value = eval(expression);
            } catch (IllegalStateException navigating) {
                // the document went away under the evaluation (a reload, a navigation): ask the next one
                value = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
                lastError = "; last evaluation failed: " + navigating.getMessage();
            }
            if (!value.isMissingNode() && !value.isNull() && !(value.isBoolean() && !value.asBoolean())
                    && !(value.isTextual() && value.asText().isEmpty()) && !(value.isNumber() && value.asDouble() == 0)) {
                return value;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        } while (Instant.now().isBefore(deadline));
        throw new IllegalStateException("timed out after " + patience.toSeconds() + " s waiting for " + what + " on "
                + eval("location.href").asText() + "; page says: " + eval("document.body ? document.body.innerText.slice(0, 600) : ''").asText()
                + lastError);
    }

    /** The whole page, 1,400 px wide, as a PNG. */
    public Path screenshot(Path file) throws IOException {
        int height = Math.min(6000, Math.max(800, eval("document.documentElement.scrollHeight").asInt()));
        send("Emulation.setDeviceMetricsOverride", Map.of("width", WIDTH, "height", height, "deviceScaleFactor", 1, "mobile", false));
        JsonNode shot = send("Page.captureScreenshot", Map.of("format", "png"));
        send("Emulation.clearDeviceMetricsOverride", Map.of());
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(shot.get("data").asText()));
        return file;
    }

    @Override
    public void close() {
        if (!ownsProcess) {
            try {
                send("Page.close", Map.of());
            } catch (RuntimeException ignored) {
                // the tab goes with the browser anyway
            }
        }
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(2, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the process goes anyway
        }
        if (!ownsProcess) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
