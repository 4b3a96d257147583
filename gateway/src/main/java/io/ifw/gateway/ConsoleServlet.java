package io.ifw.gateway;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;

/**
 * The web console's files, from the bundle's {@code console/} folder, under {@value #PATH}/:
 * {@code /ifw} goes to {@code /ifw/}, which is {@code index.html}.
 */
final class ConsoleServlet extends HttpServlet {

    static final String PATH = "/ifw";

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> TYPES = Map.of("html", "text/html;charset=utf-8", "js", "text/javascript;charset=utf-8",
            "css", "text/css;charset=utf-8", "svg", "image/svg+xml", "png", "image/png", "json", "application/json", "ico", "image/x-icon");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null || path.isEmpty()) {
            response.sendRedirect(request.getContextPath() + PATH + "/");
            return;
        }
        String file = path.equals("/") ? "index.html" : path.substring(1);
        int dot = file.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(file.substring(dot + 1));
        URL resource = file.contains("..") || file.contains("//") || type == null ? null : ConsoleServlet.class.getResource("/console/" + file);
        if (resource == null) {
            response.sendError(404, "no console file '" + file + "'");
            return;
        }
        response.setContentType(type);
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        try (InputStream in = resource.openStream()) {
            in.transferTo(response.getOutputStream());
        }
    }
}
