package io.ifw.core.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a property as unsupported unless a backend says otherwise: writes fail with
 * {@code UNSUPPORTED}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Unsupported {

    /** The zones in which the property is unsupported; empty means every zone. */
    String[] zones() default {};
}
