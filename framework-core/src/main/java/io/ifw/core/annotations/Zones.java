package io.ifw.core.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The zones a zoned feature has by default. Backends may change the zones at run time; these are
 * the zones a front end knows before a backend told it otherwise.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Zones {

    /** Zone names, e.g. {@code {"FrontLeft", "FrontRight", "Rear"}}. */
    String[] value();
}
