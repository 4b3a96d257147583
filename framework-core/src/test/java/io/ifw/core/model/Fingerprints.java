package io.ifw.core.model;

/** Fingerprints written down once, so a change of the canonical form shows as a test failure. */
final class Fingerprints {
    static final String LAMP = "fc31ccb104da47ac";

    private Fingerprints() {
    }
}
