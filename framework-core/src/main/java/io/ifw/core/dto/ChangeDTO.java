package io.ifw.core.dto;

import org.osgi.dto.DTO;

/** One change of a feature as {@code ifw:watch} prints it. */
public class ChangeDTO extends DTO {
    /** When the shell saw it (ISO-8601 instant). */
    public String time;
    /** The feature id. */
    public String feature;
    /** The zone, empty for the zone-less view and for STATUS and ZONES. */
    public String zone;
    /** VALUE, AVAILABILITY, ATTRIBUTE, SIGNAL, STATUS or ZONES. */
    public String kind;
    /** The property or signal, or {@code null} for STATUS and ZONES. */
    public String member;
    /**
     * The new value (VALUE), availability (AVAILABILITY, with its reason), constraint text
     * (ATTRIBUTE), payload (SIGNAL), status summary (STATUS) or zone names (ZONES).
     */
    public Object value;
}
