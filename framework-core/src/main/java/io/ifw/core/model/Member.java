package io.ifw.core.model;

import java.lang.reflect.Method;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A member of a feature: a property, an operation, a signal or a paging model. Members are
 * ordered by name; {@link #index()} is the member's position in {@link FeatureModel#members()}
 * and the slot every hot path uses.
 */
@ProviderType
public sealed interface Member permits PropertyMember, OperationMember, SignalMember, ModelMember {

    /** The member name, the interface method's name. */
    String name();

    /** The position in {@link FeatureModel#members()}. */
    int index();

    /** The interface method that declares it. */
    Method method();

    /** The canonical text, e.g. {@code property targetTemperature:double}. */
    String signature();
}
