package io.ifw.core.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * The service properties of a backend component, written as a component property type instead of
 * {@code property = {"ifw.feature=...", ...}} strings:
 *
 * <pre>{@code
 * @Component(service = Backend.class)
 * @BackendService(feature = "io.ifw.vehicle.ClimateControl", backend_name = "climate-local")
 * public final class LocalClimate extends AbstractBackend<ClimateControl> { ... }
 * }</pre>
 *
 * <p>Each element becomes the property of {@link BackendProperties} with the same name (an
 * underscore stands for a dot, after the {@value #PREFIX_} prefix): {@code feature} is
 * {@value BackendProperties#FEATURE}, {@code backend_name} is {@value BackendProperties#BACKEND_NAME},
 * {@code backend_kind} is {@value BackendProperties#BACKEND_KIND}.
 */
@ComponentPropertyType
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface BackendService {

    /** The prefix of every property name. */
    String PREFIX_ = "ifw.";

    /** {@value BackendProperties#FEATURE}: the id of the feature the backend serves. */
    String feature();

    /** {@value BackendProperties#BACKEND_NAME}: the backend's unique, human-readable name. */
    String backend_name();

    /** {@value BackendProperties#BACKEND_KIND}: {@value BackendProperties#KIND_PRODUCTION} unless given. */
    String backend_kind() default BackendProperties.KIND_PRODUCTION;
}
