package io.ifw.core.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The only values a property accepts, written as text and read in the property's type (numbers,
 * strings, enum constant names).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Domain {

    /** The allowed values, e.g. {@code {"0", "1", "2"}} or {@code {"Off", "On"}}. */
    String[] value();
}
