package dev.sparkpipeline.aws.livy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sparkpipeline.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Livy's batch API on a loopback port, shaped from its REST documentation and, where the two
 * differ, from Livy 0.7's {@code SessionServlet} and {@code BatchSessionServlet}: ids counted from
 * 0, names unique ("Duplicate session name"), {@code GET /batches} answering {@code from},
 * {@code total} (all batches held) and {@code sessions}, a missing id 404 with
 * {@code {"msg": "Session '7' not found."}}, DELETE killing and removing the batch and answering
 * {@code {"msg": "deleted"}} (as a real Livy 0.7.1 does). A restart
 * without recovery forgets every batch and counts ids from 0 again.
 */
final class LivyStub implements AutoCloseable {

    /** One batch Livy holds. */
    static final class Batch {
        final int id;
        final String name;
        final Map<String, Object> body;
        String state = "starting";
        String appId;
        final List<String> log = new ArrayList<>(List.of("stdout: ", "stderr: "));

        Batch(int id, String name, Map<String, Object> body) {
            this.id = id;
            this.name = name;
            this.body = body;
        }
    }

    private static final Pattern ONE = Pattern.compile("/batches/(\\d+)(/log)?");

    private final HttpServer server;
    private final Map<Integer, Batch> batches = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private int nextId;
    private boolean loseNextSubmitAnswer;
    private boolean anotherAttemptPostsFirst;
    private boolean refuseNewSessions;

    LivyStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/batches", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every call received, as {@code "METHOD /path?query"}. */
    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    synchronized Batch batch(int id) {
        return batches.get(id);
    }

    synchronized List<Batch> batches() {
        return List.copyOf(batches.values());
    }

    /** A batch another client submitted. */
    synchronized Batch submittedElsewhere(String name) {
        Batch batch = new Batch(nextId++, name, Map.of("file", "s3://elsewhere/other.jar"));
        batches.put(batch.id, batch);
        return batch;
    }

    /** Moves a batch on, as Livy does when spark-submit and YARN report. */
    synchronized void advance(int id, String state, String appId) {
        Batch batch = batches.get(id);
        batch.state = state;
        if (appId != null) {
            batch.appId = appId;
        }
    }

    synchronized void appendLog(int id, String line) {
        batches.get(id).log.add(line);
    }

    /** Livy restarted without recovery: every batch forgotten, ids from 0 again. */
    synchronized void restartWithoutRecovery() {
        batches.clear();
        nextId = 0;
    }

    /** The next POST creates its batch but its answer never arrives: a gateway answers 504. */
    synchronized void loseNextSubmitAnswer() {
        loseNextSubmitAnswer = true;
    }

    /** The next POST finds that another attempt posted a batch of the same name just before it. */
    synchronized void anotherAttemptPostsFirst() {
        anotherAttemptPostsFirst = true;
    }

    /** Every POST is refused as livy.server.session.max-creation sessions are starting. */
    synchronized void refuseNewSessions() {
        refuseNewSessions = true;
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            URI uri = exchange.getRequestURI();
            String path = uri.getPath();
            calls.add(method + " " + path + (uri.getQuery() == null ? "" : "?" + uri.getQuery()));
            Matcher one = ONE.matcher(path);
            if (path.equals("/batches") && method.equals("POST")) {
                submit(exchange);
            } else if (path.equals("/batches") && method.equals("GET")) {
                list(exchange, query(uri));
            } else if (one.matches()) {
                Batch batch = batches.get(Integer.parseInt(one.group(1)));
                if (batch == null) {
                    answer(exchange, 404, Map.of("msg", "Session '" + one.group(1) + "' not found."));
                } else if (one.group(2) != null && method.equals("GET")) {
                    log(exchange, batch, query(uri));
                } else if (method.equals("GET")) {
                    answer(exchange, 200, view(batch));
                } else if (method.equals("DELETE")) {
                    // SessionManager.delete stops the batch and removes it: Livy forgets a deleted batch at once.
                    batches.remove(batch.id);
                    answer(exchange, 200, Map.of("msg", "deleted"));
                } else {
                    answer(exchange, 405, Map.of("msg", "method not allowed"));
                }
            } else {
                answer(exchange, 404, Map.of("msg", "no such resource"));
            }
        }
    }

    private void submit(HttpExchange exchange) throws IOException {
        JsonObject body = JsonObject.parse(exchange.getRequestBody().readAllBytes());
        if (!body.has("file")) {
            answer(exchange, 400, Map.of("msg", "File is required."));
            return;
        }
        if (refuseNewSessions) {
            answer(exchange, 400, Map.of("msg", "Rejected, too many sessions are being created!"));
            return;
        }
        String name = body.optionalString("name");
        if (anotherAttemptPostsFirst) {
            anotherAttemptPostsFirst = false;
            Batch first = new Batch(nextId++, name, body.fields());
            batches.put(first.id, first);
        }
        if (name != null && batches.values().stream().anyMatch(batch -> name.equals(batch.name))) {
            answer(exchange, 400, Map.of("msg", "Duplicate session name: Some(" + name + ") for session " + nextId));
            return;
        }
        Batch batch = new Batch(nextId++, name, body.fields());
        batches.put(batch.id, batch);
        if (loseNextSubmitAnswer) {
            loseNextSubmitAnswer = false;
            answer(exchange, 504, Map.of("message", "Gateway Timeout"));
            return;
        }
        answer(exchange, 201, view(batch));
    }

    private void list(HttpExchange exchange, Map<String, String> query) throws IOException {
        int from = Integer.parseInt(query.getOrDefault("from", "0"));
        int size = Integer.parseInt(query.getOrDefault("size", "100"));
        List<Batch> all = new ArrayList<>(batches.values());
        List<Object> sessions = new ArrayList<>();
        for (int i = from; i < Math.min(all.size(), from + size); i++) {
            sessions.add(view(all.get(i)));
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("from", from);
        page.put("total", all.size());
        page.put("sessions", sessions);
        answer(exchange, 200, page);
    }

    private void log(HttpExchange exchange, Batch batch, Map<String, String> query) throws IOException {
        int size = Integer.parseInt(query.getOrDefault("size", "100"));
        int from = Integer.parseInt(query.getOrDefault("from", String.valueOf(Math.max(0, batch.log.size() - size))));
        int until = Math.min(batch.log.size(), from + size);
        Map<String, Object> slice = new LinkedHashMap<>();
        slice.put("id", batch.id);
        slice.put("from", from);
        slice.put("total", batch.log.size());
        slice.put("log", from >= until ? List.of() : batch.log.subList(from, until));
        answer(exchange, 200, slice);
    }

    private static Map<String, Object> view(Batch batch) {
        Map<String, Object> appInfo = new LinkedHashMap<>();
        appInfo.put(
                "driverLogUrl", batch.appId == null ? null : "http://node-1:8042/node/containerlogs/" + batch.appId);
        appInfo.put("sparkUiUrl", batch.appId == null ? null : "http://primary:20888/proxy/" + batch.appId + "/");
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", batch.id);
        view.put("name", batch.name);
        view.put("owner", null);
        view.put("proxyUser", null);
        view.put("state", batch.state);
        view.put("appId", batch.appId);
        view.put("appInfo", appInfo);
        view.put("log", batch.log.subList(Math.max(0, batch.log.size() - 10), batch.log.size()));
        return view;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                String[] parts = pair.split("=", 2);
                query.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return query;
    }

    private static void answer(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] json = JsonObject.write(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, json.length);
        exchange.getResponseBody().write(json);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
