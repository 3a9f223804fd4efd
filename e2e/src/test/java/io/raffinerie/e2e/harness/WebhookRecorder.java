package io.raffinerie.e2e.harness;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server that records every webhook delivery, answers 200 unless told otherwise per path, and a dead
 * endpoint that accepts connections and never answers.
 */
public final class WebhookRecorder implements AutoCloseable {
    public record Delivery(String path, String body, Instant at) {
    }

    private final HttpServer server;
    private final ServerSocket dead;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> scripted = new ConcurrentHashMap<>();

    public WebhookRecorder() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                deliveries.add(new Delivery(path, body, Instant.now()));
                Deque<Integer> answers = scripted.get(path);
                Integer code = answers == null ? null : answers.pollFirst();
                exchange.sendResponseHeaders(code == null ? 200 : code, -1);
                exchange.close();
            });
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            dead = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!dead.isClosed()) {
                    try {
                        held.add(dead.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "dead-webhook");
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A URL on the recording server. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** A URL whose server accepts the connection and never answers. */
    public String deadUrl(String path) {
        return "http://127.0.0.1:" + dead.getLocalPort() + path;
    }

    /** The next answers for that path, in order; 200 after them. */
    public void answer(String path, Integer... codes) {
        scripted.put(path, new ArrayDeque<>(List.of(codes)));
    }

    public List<Delivery> to(String path) {
        return new ArrayList<>(deliveries.stream().filter(d -> d.path().equals(path)).toList());
    }

    /** Connections the dead endpoint has accepted, and never answered. */
    public int deadConnections() {
        return held.size();
    }

    @Override
    public void close() {
        server.stop(0);
        try {
            dead.close();
            for (Socket socket : held) {
                socket.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
