package org.mlp4j.datasets.download;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 (an ephemeral port) for download tests: serves registered byte arrays, and can be told
 * to cut a response off halfway while announcing its full length.
 */
public final class LocalServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Boolean> truncated = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    public LocalServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            byte[] body = files.get(path);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (truncated.getOrDefault(path, false)) {
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    // dropping the connection mid-body: the client sees fewer bytes than Content-Length
                    exchange.getHttpContext().getServer().stop(0);
                    return;
                }
                out.write(body);
            } catch (IOException expectedWhenCut) {
                // the connection was closed under us on purpose
            }
        });
        server.start();
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public void serve(String path, byte[] body) {
        files.put("/" + path, body);
    }

    public void serveCutHalfway(String path, byte[] body) {
        files.put("/" + path, body);
        truncated.put("/" + path, true);
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
