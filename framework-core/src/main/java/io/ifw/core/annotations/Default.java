package io.ifw.core.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value of a property before a backend provides one, written as text and read in the
 * property's type ({@code "21.5"}, {@code "true"}, an enum constant name, a string).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Default {

    /** The default value as text. */
    String value();
}
