package io.ifw.core.dto;

import org.osgi.dto.DTO;

/** One feature's status, as the shell shows it. */
public class FeatureDTO extends DTO {
    /** The feature id. */
    public String id;
    /** A backend is bound. */
    public boolean valid;
    /** The bound backend's initial state arrived. */
    public boolean initialized;
    /** The bound backend's name, or {@code null}. */
    public String backend;
    /** production or simulation, or {@code null}. */
    public String backendKind;
    /** Whether the bound backend is remote. */
    public boolean remote;
    /** The discovery mode. */
    public String discoveryMode;
    /** The discovery result. */
    public String discoveryResult;
    /** The connection state. */
    public String connection;
    /** The current error ({@code CODE: message}), or {@code null}. */
    public String error;
    /** How many times the backend changed. */
    public long swaps;
    /** The last binding change and why. */
    public String lastChange;
    /** The schema fingerprint. */
    public String fingerprint;
    /** Member signatures, by name (filled by {@code ifw:feature}). */
    public String[] members;
    /** The zones. */
    public String[] zones;
}
