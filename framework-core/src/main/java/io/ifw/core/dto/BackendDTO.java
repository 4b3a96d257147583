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
}
