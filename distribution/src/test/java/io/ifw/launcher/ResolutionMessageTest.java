package io.ifw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResolutionMessageTest {

    // Verbatim from Felix 7.0.5.
    private static final String WITH_CAUSE = "Unable to resolve org.apache.felix.metatype [13](R 13.0): missing requirement "
            + "[org.apache.felix.metatype [13](R 13.0)] osgi.wiring.package; (&(osgi.wiring.package=org.osgi.service.log)"
            + "(version>=1.3.0)(!(version>=2.0.0))) [caused by: Unable to resolve org.osgi.service.log [16](R 16.0): missing "
            + "requirement [org.osgi.service.log [16](R 16.0)] osgi.wiring.package; (&(osgi.wiring.package=org.osgi.util.pushstream)"
            + "(version>=1.0.0)(!(version>=2.0.0)))] Unresolved requirements: [[org.apache.felix.metatype [13](R 13.0)] "
            + "osgi.wiring.package; (&(osgi.wiring.package=org.osgi.service.log)(version>=1.3.0)(!(version>=2.0.0)))]";

    @Test
    void shouldNameTheMissingPackageAndItsVersionRange() {
        String message = "Unable to resolve io.ifw.broken [18](R 18.0): missing requirement [io.ifw.broken [18](R 18.0)] "
                + "osgi.wiring.package; (&(osgi.wiring.package=com.example.absent)(version>=1.2.0)(!(version>=2.0.0))) "
                + "Unresolved requirements: [[io.ifw.broken [18](R 18.0)] osgi.wiring.package; "
                + "(&(osgi.wiring.package=com.example.absent)(version>=1.2.0)(!(version>=2.0.0)))]";

        assertThat(ResolutionMessage.condense(message)).isEqualTo("missing package com.example.absent [1.2.0, 2.0.0)");
    }

    @Test
    void shouldFollowTheCauseToTheBundleThatLacksSomething() {
        assertThat(ResolutionMessage.condense(WITH_CAUSE)).isEqualTo("missing package org.osgi.service.log [1.3.0, 2.0.0), "
                + "because org.osgi.service.log cannot resolve: missing package org.osgi.util.pushstream [1.0.0, 2.0.0)");
    }

    @Test
    void shouldNameAPackageWithoutVersion() {
        String message = "Unable to resolve x [5](R 5.0): missing requirement [x [5](R 5.0)] osgi.wiring.package; "
                + "(osgi.wiring.package=does.not.exist) Unresolved requirements: [[x [5](R 5.0)] osgi.wiring.package; "
                + "(osgi.wiring.package=does.not.exist)]";

        assertThat(ResolutionMessage.condense(message)).isEqualTo("missing package does.not.exist");
    }

    @Test
    void shouldShowOtherNamespacesWithTheirFilter() {
        String message = "Unable to resolve x [5](R 5.0): missing requirement [x [5](R 5.0)] osgi.ee; "
                + "(&(osgi.ee=JavaSE)(version=21)) Unresolved requirements: [[x [5](R 5.0)] osgi.ee; (&(osgi.ee=JavaSE)(version=21))]";

        assertThat(ResolutionMessage.condense(message)).isEqualTo("missing osgi.ee (&(osgi.ee=JavaSE)(version=21))");
    }

    @Test
    void shouldKeepTheFirstLineOfAnUnknownMessage() {
        assertThat(ResolutionMessage.condense("something odd\nat line 2")).isEqualTo("something odd");
        assertThat(ResolutionMessage.condense(null)).isEqualTo("no reason given");
    }

    @Test
    void shouldReportTheInnermostCause() {
        Exception failure = new IllegalStateException("outer", new java.io.IOException("port 8080 already in use"));

        assertThat(ResolutionMessage.rootCause(failure)).isEqualTo("IOException: port 8080 already in use");
    }

    /** The launcher sees IFW's exceptions only by name (they live in the framework's bundles). */
    static final class FeatureException extends RuntimeException {
        FeatureException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Test
    void shouldPrintAFailedCommandsOwnIfwMessageNotItsInnermostCause() {
        Exception wrapped = new RuntimeException("gogo", new FeatureException("INVALID_ARGUMENT: 'warm' is not a number",
                new NumberFormatException("For input string: \"warm\"")));

        assertThat(ResolutionMessage.commandFailure(wrapped)).isEqualTo("INVALID_ARGUMENT: 'warm' is not a number");
        assertThat(ResolutionMessage.commandFailure(new IllegalStateException("outer", new java.io.IOException("disk full"))))
                .as("not an IFW failure: the innermost cause").isEqualTo("IOException: disk full");
    }

    @Test
    void shouldFindAnInvalidConfigurationInAComponentsFailure() {
        String failure = "org.osgi.service.component.ComponentException: io.ifw.core.spi.InvalidConfigurationException: "
                + "/opt/ifw/conf/configs/x.cfg: tickIntervalMs = '0': expected a positive number of milliseconds\n\tat x.y(Z.java:1)";

        assertThat(ResolutionMessage.invalidConfiguration(failure))
                .isEqualTo("/opt/ifw/conf/configs/x.cfg: tickIntervalMs = '0': expected a positive number of milliseconds");
        assertThat(ResolutionMessage.invalidConfiguration("java.lang.IllegalStateException: port in use")).isNull();
        assertThat(ResolutionMessage.invalidConfiguration((String) null)).isNull();
    }
}
