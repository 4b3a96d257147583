package io.ifw.launcher;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the framework's long resolution messages into one readable reason, e.g. {@code missing
 * package com.example.api [1.2.0, 2.0.0)}, following "caused by" to the bundle that really lacks
 * something.
 */
final class ResolutionMessage {

    // "missing requirement [org.example [13](R 13.0)] osgi.wiring.package; (&(...)(...))"
    private static final Pattern MISSING_REQUIREMENT =
            Pattern.compile("missing requirement \\[(\\S+) \\[\\d+\\]\\(R [^)]*\\)\\] ([\\w.]+); (\\(.*?\\))(?= Unresolved requirements| \\[caused by|\\]|$)");
    private static final Pattern PACKAGE = Pattern.compile("osgi\\.wiring\\.package=([^)\\s]+)");
    private static final Pattern LOWER = Pattern.compile("(?<!!)\\(version>=([^)]+)\\)");
    private static final Pattern UPPER = Pattern.compile("\\(!\\(version>=([^)]+)\\)\\)");
    private static final Pattern EXACT = Pattern.compile("\\(version=([^)]+)\\)");

    private ResolutionMessage() {
    }

    static String condense(String frameworkMessage) {
        if (frameworkMessage == null || frameworkMessage.isBlank()) {
            return "no reason given";
        }
        Matcher requirement = MISSING_REQUIREMENT.matcher(frameworkMessage);
        if (!requirement.find()) {
            return firstLine(frameworkMessage);
        }
        String reason = describe(requirement.group(2), requirement.group(3));
        // A "caused by" names a bundle this one needs, which itself cannot resolve.
        while (requirement.find()) {
            reason += ", because " + requirement.group(1) + " cannot resolve: " + describe(requirement.group(2), requirement.group(3));
        }
        return reason;
    }

    private static String describe(String namespace, String filter) {
        Matcher packageName = PACKAGE.matcher(filter);
        if (namespace.equals("osgi.wiring.package") && packageName.find()) {
            return "missing package " + packageName.group(1) + versionRange(filter);
        }
        return "missing " + namespace + " " + filter;
    }

    private static String versionRange(String filter) {
        Matcher exact = EXACT.matcher(filter);
        if (exact.find()) {
            return " " + exact.group(1);
        }
        Matcher lower = LOWER.matcher(filter);
        Matcher upper = UPPER.matcher(filter);
        boolean hasLower = lower.find();
        boolean hasUpper = upper.find();
        if (!hasLower && !hasUpper) {
            return "";
        }
        return " [" + (hasLower ? lower.group(1) : "0.0.0") + ", " + (hasUpper ? upper.group(1) + ")" : "∞)");
    }

    static String firstLine(String message) {
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }

    /** The innermost cause's message, which is usually the one that names what was wrong. */
    static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + firstLine(message));
    }

    /** The class name IFW components throw for a configuration value they cannot use. */
    static final String INVALID_CONFIGURATION = "InvalidConfigurationException: ";

    /**
     * The message of an IFW InvalidConfigurationException found in {@code text} (a failure's
     * text, as Declarative Services keeps it), or {@code null} when the failure is not one: that
     * message names the file, the key, the value and what is expected.
     */
    static String invalidConfiguration(String text) {
        if (text == null) {
            return null;
        }
        int at = text.indexOf(INVALID_CONFIGURATION);
        return at < 0 ? null : firstLine(text.substring(at + INVALID_CONFIGURATION.length()));
    }

    /** Like {@link #invalidConfiguration(String)} over a throwable and its causes. */
    static String invalidConfiguration(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String found = invalidConfiguration(cause.toString());
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * What a failed shell command prints: IFW's own message with its error code
     * ("OUT_OF_RANGE: ...") when the failure is a FeatureException (the ifw: commands word every
     * failure so), else the innermost cause's class and message.
     */
    static String commandFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getClass().getSimpleName().equals("FeatureException") && cause.getMessage() != null) {
                return firstLine(cause.getMessage());
            }
        }
        return rootCause(failure);
    }
}
