package io.ifw.launcher;

/**
 * Something that went wrong while the container started, told in one line.
 *
 * @param subject what it concerns, e.g. {@code bundle io.ifw.core 0.1.0 (bundle/ifw-framework-core.jar)}
 * @param reason  what is wrong, e.g. {@code did not resolve: missing package org.example}
 * @param fatal   whether the container must not run with it (an IFW bundle or component failed)
 */
record StartupProblem(String subject, String reason, boolean fatal) {

    @Override
    public String toString() {
        return (fatal ? "ERROR " : "WARNING ") + subject + " " + reason;
    }
}
