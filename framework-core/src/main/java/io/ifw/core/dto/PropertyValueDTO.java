package io.ifw.core.dto;

import org.osgi.dto.DTO;

/** A property's value in a zone, as {@code ifw:get} and {@code ifw:set} show it. */
public class PropertyValueDTO extends DTO {
    /** The feature id. */
    public String feature;
    /** The property name. */
    public String property;
    /** The zone, empty for the zone-less view. */
    public String zone;
    /** The value ({@code null} when there is none). */
    public Object value;
    /** AVAILABLE, NOT_AVAILABLE or STALE, with the reason. */
    public String availability;
    /** The constraint text (Qt's form), empty when there is none. */
    public String constraint;
}
