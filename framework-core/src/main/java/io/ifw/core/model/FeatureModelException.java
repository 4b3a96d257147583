package io.ifw.core.model;

/**
 * A feature interface the model cannot express. The message names the interface, the member (if
 * any) and the reason, e.g. {@code io.example.Radio.station: unsupported type java.util.Map}.
 */
public class FeatureModelException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String interfaceName;
    private final String memberName;
    private final String reason;

    public FeatureModelException(String interfaceName, String memberName, String reason) {
        super(interfaceName + (memberName == null ? "" : "." + memberName) + ": " + reason);
        this.interfaceName = interfaceName;
        this.memberName = memberName;
        this.reason = reason;
    }

    public String interfaceName() {
        return interfaceName;
    }

    /** The member at fault, or {@code null} when the interface as a whole is. */
    public String memberName() {
        return memberName;
    }

    public String reason() {
        return reason;
    }
}
