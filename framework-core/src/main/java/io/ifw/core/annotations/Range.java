package io.ifw.core.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The inclusive range of a numeric property's values. Either bound may be left open. A write
 * outside the range fails with {@code OUT_OF_RANGE} and the constraint text, e.g. {@code [16-30]}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Range {

    /** The smallest allowed value; open when not given. */
    double min() default Double.NEGATIVE_INFINITY;

    /** The largest allowed value; open when not given. */
    double max() default Double.POSITIVE_INFINITY;
}
