package org.spinmon.dashboard.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The live page's files, from the class path only: spinmon's own ({@code org/spinmon/dashboard/web/}) and
 * uPlot from its WebJar ({@code META-INF/resources/webjars/uplot/<version>/}, the version read from the
 * WebJar's own {@code pom.properties}), so the page needs no CDN and no build step. Only known names are
 * served; a request never reaches the file system.
 */
final class StaticAssets {

    /** A file's bytes and content type. */
    record Asset(byte[] bytes, String type) {
    }

    private static final Map<String, String> PAGE = Map.of(
            "/", "index.html",
            "/index.html", "index.html",
            "/app.js", "app.js",
            "/style.css", "style.css");
    private static final Map<String, String> UPLOT = Map.of(
            "/assets/uplot.js", "dist/uPlot.iife.min.js",
            "/assets/uplot.css", "dist/uPlot.min.css");

    private final String uplotRoot;

    StaticAssets() {
        Properties p = new Properties();
        try (InputStream in = resource("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the uPlot WebJar is missing from the class path", e);
        }
        this.uplotRoot = "META-INF/resources/webjars/uplot/" + p.getProperty("version") + "/";
    }

    /** @return the asset served at {@code path}, if any */
    Optional<Asset> get(String path) throws IOException {
        String name = PAGE.containsKey(path) ? "org/spinmon/dashboard/web/" + PAGE.get(path)
                : UPLOT.containsKey(path) ? uplotRoot + UPLOT.get(path) : null;
        if (name == null) {
            return Optional.empty();
        }
        try (InputStream in = resource(name)) {
            return Optional.of(new Asset(in.readAllBytes(), type(name)));
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing resource " + name);
        }
        return in;
    }

    private static String type(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "text/javascript; charset=utf-8";
    }
}
