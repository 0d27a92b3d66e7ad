package dev.facetype.cli.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The page's files (HTML, CSS, JavaScript, icon), read once from the jar into memory. Everything the page
 * needs is here: it loads nothing from any other site.
 */
final class StaticAssets {

    /** Where the files live on the class path. */
    static final String RESOURCE_FOLDER = "/dev/facetype/cli/web/static/";

    /** One file: its bytes and its content type. */
    record Asset(byte[] bytes, String contentType) {
    }

    private final Map<String, Asset> byPath = new LinkedHashMap<>();

    StaticAssets() {
        add("/", "index.html", "text/html; charset=utf-8");
        add("/app.css", "app.css", "text/css; charset=utf-8");
        add("/app.js", "app.js", "text/javascript; charset=utf-8");
        add("/favicon.svg", "favicon.svg", "image/svg+xml");
    }

    /** URL path to file, for the routes. */
    Map<String, Asset> byPath() {
        return byPath;
    }

    private void add(String urlPath, String file, String contentType) {
        try (InputStream in = StaticAssets.class.getResourceAsStream(RESOURCE_FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("the page file " + RESOURCE_FOLDER + file + " is missing from the jar");
            }
            byPath.put(urlPath, new Asset(in.readAllBytes(), contentType));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the page file " + file, e);
        }
    }
}
