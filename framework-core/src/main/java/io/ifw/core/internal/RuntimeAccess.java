package io.ifw.core.internal;

import io.ifw.core.Attribute;
import io.ifw.core.ValueAvailability;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.OperationMember;
import io.ifw.core.model.PropertyMember;
import java.util.List;
import org.osgi.util.promise.Promise;

/**
 * Access to the shared front ends by feature id and model member, for the runtime's own tools
 * (the shell commands), which have no feature interface to call through.
 */
public interface RuntimeAccess {

    FeatureModel model(String featureId);

    List<String> zones(String featureId);

    Object value(String featureId, PropertyMember property, String zone);

    ValueAvailability availability(String featureId, PropertyMember property, String zone);

    Attribute<?> attribute(String featureId, PropertyMember property, String zone);

    Promise<Void> set(String featureId, PropertyMember property, String zone, Object value);

    Promise<Object> invoke(String featureId, OperationMember operation, String zone, Object[] arguments);

    long callTimeoutMs(String featureId);
}
