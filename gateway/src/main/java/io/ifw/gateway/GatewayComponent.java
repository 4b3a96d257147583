package io.ifw.gateway;

import io.ifw.core.access.FeatureAccess;
import io.ifw.core.FeatureCatalog;
import io.ifw.core.FeatureRegistry;
import io.ifw.core.spi.Configurations;
import io.ifw.simulator.SimulatorFaults;
import jakarta.servlet.Servlet;
import java.lang.System.Logger.Level;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

/**
 * Starts the gateway with its configuration ({@code io.ifw.gateway}, optional) and registers its
 * WebSocket endpoint and the web console with the Http Whiteboard. A new configuration restarts
 * it; its clients are closed with 1001 and reconnect.
 */
@Component(configurationPid = GatewaySettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
public final class GatewayComponent {

    /** The service property that says how clients are admitted; the launcher prints it beside the console's address. */
    public static final String ACCESS_PROPERTY = "ifw.gateway.access";

    /** On the WebSocket servlet's service: the most events a client's queue holds (the configuration's value). */
    public static final String MAX_EVENTS_PROPERTY = "ifw.gateway.maxEvents";

    private static final System.Logger LOG = System.getLogger(GatewayComponent.class.getName());

    @Reference
    private FeatureRegistry registry;

    @Reference
    private FeatureAccess access;

    @Reference
    private FeatureCatalog catalog;

    private volatile SimulatorFaults faults;
    private volatile Gateway gateway;
    private ServiceRegistration<Servlet> socketRegistration;
    private ServiceRegistration<Servlet> consoleRegistration;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindFaults(SimulatorFaults service) {
        faults = service;
    }

    void unbindFaults(SimulatorFaults service) {
        if (faults == service) {
            faults = null;
        }
    }

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        GatewaySettings settings;
        try {
            settings = GatewaySettings.of(properties);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "IFW: gateway (" + GatewaySettings.PID + ") is not started: " + Configurations.problem(properties, e));
            return;
        }
        gateway = new Gateway(registry, access, catalog, () -> faults, settings);
        String accessText = settings.hasSecret()
                ? "a token is required" + (settings.readOnlySecret().isEmpty() ? "" : "; the read-only secret's token reads and watches only")
                : "no secret configured: clients on this host only";
        LOG.log(Level.INFO, "IFW gateway: WebSocket at " + WebSocketServlet.PATH + ", console at " + ConsoleServlet.PATH + "/ (" + accessText + ")");

        Hashtable<String, Object> socket = new Hashtable<>();
        socket.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, WebSocketServlet.PATH);
        socket.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, "ifw-gateway");
        socket.put(ACCESS_PROPERTY, accessText);
        socket.put(MAX_EVENTS_PROPERTY, settings.maxEvents());
        socketRegistration = context.registerService(Servlet.class, new WebSocketServlet(() -> gateway), socket);

        Hashtable<String, Object> console = new Hashtable<>();
        console.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, new String[] {ConsoleServlet.PATH, ConsoleServlet.PATH + "/*"});
        console.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, "ifw-console");
        consoleRegistration = context.registerService(Servlet.class, new ConsoleServlet(), console);
    }

    @Deactivate
    void deactivate() {
        Gateway stopping = gateway;
        gateway = null;
        unregister(socketRegistration);
        unregister(consoleRegistration);
        socketRegistration = null;
        consoleRegistration = null;
        if (stopping != null) {
            stopping.close();
        }
    }

    private static void unregister(ServiceRegistration<?> registration) {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
    }
}
