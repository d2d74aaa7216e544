package dev.okr.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A proxy in front of the gateway that holds every exchange passing through it to the OpenAPI document (by
 * {@link ContractCheck}): for clients that are not RestAssured, such as the TypeScript client's scenario. The event
 * stream passes through as it comes, unchecked here.
 */
final class ValidatingProxy implements AutoCloseable {

    /** Headers that belong to one connection, or that the JDK's client sets itself. */
    private static final Set<String> HOP_BY_HOP = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        HOP_BY_HOP.addAll(List.of("connection", "content-length", "expect", "host", "upgrade", "transfer-encoding", "keep-alive",
                "te", "trailer", "proxy-connection"));
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String target;
    private final ContractCheck check;

    ValidatingProxy(String target, ContractCheck check) throws IOException {
        this.target = target;
        this.check = check;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::forward);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name)) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<InputStream> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
                if (!HOP_BY_HOP.contains(header.getKey()) && !header.getKey().startsWith(":")) {
                    exchange.getResponseHeaders().put(header.getKey(), header.getValue());
                }
            }
            String type = response.headers().firstValue("Content-Type").orElse(null);
            try (InputStream in = response.body(); OutputStream out = exchange.getResponseBody()) {
                if (type != null && type.startsWith("text/event-stream")) {
                    exchange.sendResponseHeaders(response.statusCode(), 0);
                    byte[] chunk = new byte[8192];
                    for (int n; (n = in.read(chunk)) >= 0;) {
                        out.write(chunk, 0, n);
                        out.flush();
                    }
                    return;
                }
                byte[] answer = in.readAllBytes();
                String requestType = exchange.getRequestHeaders().getFirst("Content-Type");
                check.check(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), requestType,
                        body.length == 0 ? null : ContractCheck.body(new String(body, StandardCharsets.UTF_8)), response.statusCode(), type,
                        new String(answer, StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
                if (answer.length > 0) {
                    out.write(answer);
                }
            }
        } catch (IOException e) {
            // the client went away (a stream it stopped following) or the gateway did: nothing to check
        } catch (RuntimeException e) {
            check.violation("the proxy failed on " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + ": " + e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
