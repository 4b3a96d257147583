package io.ifw.core.spi;

import io.ifw.core.BackendInfo;
import java.util.Comparator;
import java.util.Map;
import org.osgi.framework.Constants;

/**
 * Which backend of a feature is the best, as discovery decides it in {@code AUTO} mode — one rule
 * for every place that chooses (front ends binding, the remote server choosing what it exports).
 */
public final class BackendOrder {

    /**
     * Production before simulation, then the higher {@code service.ranking}, then the older service
     * (the lower {@code service.id}): best first.
     */
    public static final Comparator<BackendInfo> AUTOMATIC = Comparator.<BackendInfo>comparingInt(info -> info.isSimulation() ? 1 : 0)
            .thenComparing(Comparator.comparingInt(BackendInfo::ranking).reversed())
            .thenComparingLong(BackendInfo::serviceId);

    private BackendOrder() {
    }

    /** A backend's name: its {@link BackendProperties#BACKEND_NAME}, else {@code backend-<service.id>}. */
    public static String name(Map<String, ?> properties) {
        Object nameProperty = properties.get(BackendProperties.BACKEND_NAME);
        return nameProperty == null ? "backend-" + properties.get(Constants.SERVICE_ID) : nameProperty.toString();
    }

    /**
     * The backend a service's properties describe ({@link BackendProperties}, {@code service.id},
     * {@code service.ranking}), or {@code null} when its {@link BackendProperties#BACKEND_KIND} is
     * neither production nor simulation (discovery ignores such a backend). A backend without a
     * name is called {@code backend-<service.id>}; without a kind it is production.
     */
    public static BackendInfo info(Map<String, ?> properties) {
        Object id = properties.get(Constants.SERVICE_ID);
        long serviceId = id instanceof Long l ? l : 0L;
        String name = name(properties);
        Object kindProperty = properties.get(BackendProperties.BACKEND_KIND);
        String kind = kindProperty == null ? BackendProperties.KIND_PRODUCTION : kindProperty.toString();
        if (!kind.equals(BackendProperties.KIND_PRODUCTION) && !kind.equals(BackendProperties.KIND_SIMULATION)) {
            return null;
        }
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        return new BackendInfo(name, kind, Boolean.parseBoolean(String.valueOf(properties.get(BackendProperties.BACKEND_REMOTE))),
                ranking instanceof Integer r ? r : 0, serviceId);
    }
}
