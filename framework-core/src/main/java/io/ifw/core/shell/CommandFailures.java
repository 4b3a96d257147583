package io.ifw.core.shell;

import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Makes every failure of an {@code ifw:} command IFW's own message starting with its error code
 * ({@code OUT_OF_RANGE: …}, {@code INVALID_ARGUMENT: …}), never a bare {@code NumberFormatException}
 * or Gogo's "Cannot coerce" line: a command runs its body through {@link #run}, and gives each
 * command name a fallback method {@code name(Object... arguments)} that throws
 * {@link #wrongArguments} (Gogo prefers the exactly matching method and calls the fallback only when
 * none matches).
 */
public final class CommandFailures {

    private CommandFailures() {
    }

    /** A command's body. */
    @FunctionalInterface
    @ConsumerType
    public interface Body<T> {
        T run() throws InterruptedException;
    }

    /**
     * Runs {@code body}; a {@link FeatureException} leaves with its code in front of its message,
     * an {@link IllegalArgumentException} (a {@link NumberFormatException} too) as INVALID_ARGUMENT.
     */
    public static <T> T run(Body<T> body) throws InterruptedException {
        try {
            return body.run();
        } catch (FeatureException e) {
            throw withCode(e);
        } catch (NumberFormatException e) {
            throw new FeatureException(ErrorCode.INVALID_ARGUMENT, ErrorCode.INVALID_ARGUMENT + ": " + numberMessage(e), e);
        } catch (IllegalArgumentException e) {
            throw new FeatureException(ErrorCode.INVALID_ARGUMENT, ErrorCode.INVALID_ARGUMENT + ": " + e.getMessage(), e);
        }
    }

    /** The same failure with its code in front of its message (unchanged when it is there already). */
    public static FeatureException withCode(FeatureException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.startsWith(e.code().name() + ":")) {
            return e;
        }
        return new FeatureException(e.code(), e.code() + ": " + message, e);
    }

    /**
     * INVALID_ARGUMENT for a command given the wrong number of arguments, e.g. {@code
     * INVALID_ARGUMENT: ifw:get takes FEATURE[@ZONE] PROPERTY; it was given 1 argument: 'x'}.
     *
     * @param usage   the command and its parameters, e.g. {@code ifw:get FEATURE[@ZONE] PROPERTY}
     * @param example a command line that works, or an empty string
     */
    public static FeatureException wrongArguments(String usage, String example, Object... given) {
        int space = usage.indexOf(' ');
        String command = space < 0 ? usage : usage.substring(0, space);
        String parameters = space < 0 ? "no arguments" : usage.substring(space + 1);
        String got = given.length == 0 ? "none" : given.length + (given.length == 1 ? " argument: " : " arguments: ")
                + Arrays.stream(given).map(value -> "'" + value + "'").collect(Collectors.joining(" "));
        return new FeatureException(ErrorCode.INVALID_ARGUMENT, ErrorCode.INVALID_ARGUMENT + ": " + command + " takes " + parameters
                + "; it was given " + got + (example.isEmpty() ? "" : " (e.g. " + example + ")"));
    }

    private static String numberMessage(NumberFormatException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String prefix = "For input string: ";
        return message.startsWith(prefix) ? message.substring(prefix.length()).replace('"', '\'') + " is not a number" : message;
    }
}
