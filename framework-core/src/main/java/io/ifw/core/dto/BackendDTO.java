package io.ifw.core.dto;

import org.osgi.dto.DTO;

/** A registered backend of a feature. */
public class BackendDTO extends DTO {
    /** The feature id. */
    public String feature;
    /** {@code ifw.backend.name}. */
    public String name;
    /** production or simulation. */
    public String kind;
    /** Whether it relays a remote backend. */
    public boolean remote;
    /** {@code service.ranking}. */
    public int ranking;
    /** {@code service.id}. */
    public long serviceId;
    /** Whether the feature is bound to it now. */
    public boolean bound;
    /**
     * {@code AVAILABLE} for a registered backend; {@code FAILED} for a backend component that
     * could not start (its configuration has a bad value), with the reason in {@link #problem}.
     */
    public String status = "AVAILABLE";
    /** Why a FAILED backend did not start: the key, the value and what is expected. */
    public String problem = "";
    /** For a FAILED backend: the configuration file (or configuration) with the bad value. */
    public String configuration = "";
}
