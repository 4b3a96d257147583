package io.ifw.gateway;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.websocket.server.JettyServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.JettyServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.JettyWebSocketServerContainer;

/**
 * The gateway's WebSocket endpoint, {@value #PATH}, registered with the Http Whiteboard. Each
 * upgrade request is handed to Jetty's WebSocket container (which Felix HTTP sets up when
 * {@code org.apache.felix.jetty.websocket.enable} is true) from here, rather than mapped in that
 * container once: a mapping would outlive this servlet, and a restarted gateway would not get its
 * clients. Each upgrade is admitted or refused by {@link Admission}. A plain HTTP request gets a
 * short text saying what this is.
 */
final class WebSocketServlet extends HttpServlet {

    static final String PATH = "/ifw/ws";

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(WebSocketServlet.class.getName());

    /** The gateway now; {@code null} once it stopped. */
    private final transient Supplier<Gateway> gateway;
    private transient JettyWebSocketServerContainer container;

    WebSocketServlet(Supplier<Gateway> gateway) {
        this.gateway = gateway;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        container = JettyWebSocketServerContainer.getContainer(config.getServletContext());
        if (container == null) {
            LOG.log(Level.ERROR, "IFW gateway: the web server has no WebSocket support; set org.apache.felix.jetty.websocket.enable=true"
                    + " in the org.apache.felix.http configuration");
            return;
        }
        Gateway current = gateway.get();
        if (current != null) {
            container.setMaxTextMessageSize(current.settings().maxMessageBytes());
        }
        // watchers may be quiet for long; an hour without a frame either way closes the connection
        container.setIdleTimeout(Duration.ofHours(1));
    }

    private Object create(JettyServerUpgradeRequest request, JettyServerUpgradeResponse response) {
        Gateway current = gateway.get();
        try {
            if (current == null) {
                response.sendError(503, "the IFW gateway is not running");
                return null;
            }
            HttpServletRequest http = request.getHttpServletRequest();
            Admission admission = Admission.decide(current.settings(), Admission.token(http.getQueryString(), http.getHeader("Authorization")),
                    isLoopback(request.getRemoteSocketAddress()), http.getHeader("Origin"), http.getHeader("Host"));
            String peer = String.valueOf(request.getRemoteSocketAddress());
            if (!admission.admitted()) {
                LOG.log(Level.INFO, "IFW gateway: refused " + peer + ": " + admission.refusal());
                response.sendError(admission.status(), admission.refusal());
                return null;
            }
            return new GatewaySocket(current, admission.role(), peer);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "IFW gateway: could not answer a refused upgrade: " + e);
            return null;
        }
    }

    /**
     * The request as Jetty's upgrade wants it: the Http Whiteboard wraps the servlet context, and
     * Jetty reads its own context from the request.
     */
    private static HttpServletRequest withJettyContext(HttpServletRequest request) {
        Request base = Request.getBaseRequest(request);
        if (base == null) {
            return request;
        }
        ServletContext jettyContext = base.getServletContext();
        return new HttpServletRequestWrapper(request) {
            @Override
            public ServletContext getServletContext() {
                return jettyContext;
            }
        };
    }

    static boolean isLoopback(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            InetAddress ip = inet.getAddress();
            return ip != null && ip.isLoopbackAddress();
        }
        return false;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (container != null && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"))
                && container.upgrade(this::create, withJettyContext(request), response)) {
            return;
        }
        if (response.isCommitted()) {
            return; // refused by create(), with its status
        }
        response.setStatus(400);
        response.setContentType("text/plain;charset=utf-8");
        response.getWriter().println("This is the IFW gateway's WebSocket endpoint: connect to it with a WebSocket client"
                + " (the protocol is in docs/web.md); the web console is at /ifw/.");
    }
}
