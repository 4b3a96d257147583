package io.ifw.core.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.annotation.bundle.Attribute;
import org.osgi.annotation.bundle.Capability;

/**
 * Marks an interface as an IFW feature. The interface is the IDL: the runtime reads it once into a
 * {@link io.ifw.core.model.FeatureModel} and registers a front end for it as an OSGi service.
 *
 * <p>bnd turns this annotation into a {@code Provide-Capability} entry of the namespace
 * {@value #NAMESPACE}, by which the runtime finds feature interfaces in active bundles; a bundle
 * built without bnd must write that header itself:
 * {@code Provide-Capability: io.ifw.feature;io.ifw.feature="ID";feature.class="fully.qualified.Interface"}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Capability(namespace = Feature.NAMESPACE, attribute = Feature.CLASS_ATTRIBUTE + "=${@class}")
public @interface Feature {

    /** The capability namespace under which bundles declare their feature interfaces. */
    String NAMESPACE = "io.ifw.feature";

    /** The capability attribute that names the feature interface class. */
    String CLASS_ATTRIBUTE = "feature.class";

    /** The feature id, unique in a system, e.g. {@code io.ifw.vehicle.ClimateControl}. */
    @Attribute(NAMESPACE)
    String id();

    /** The interface version; informative, compatibility is decided member by member. */
    String version() default "1.0";
}
