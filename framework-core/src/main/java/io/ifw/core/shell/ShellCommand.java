package io.ifw.core.shell;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * The service properties that make a component's public methods shell commands
 * ({@code osgi.command.scope} and {@code osgi.command.function}), as a component property type:
 *
 * <pre>{@code
 * @Component(service = RemoteCommands.class)
 * @ShellCommand(function = "remote")
 * public final class RemoteCommands { public Object remote(...) { ... } }
 * }</pre>
 *
 * <p>Unlike Gogo's own {@code @GogoCommand}, it adds no requirement on a Gogo runtime: a bundle
 * with commands still resolves where no shell is installed.
 */
@ComponentPropertyType
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ShellCommand {

    /** The prefix of every property name. */
    String PREFIX_ = "osgi.command.";

    /** {@code osgi.command.scope}: the commands' scope, {@code ifw} unless given. */
    String scope() default "ifw";

    /** {@code osgi.command.function}: the names of the public methods that are commands. */
    String[] function();
}
