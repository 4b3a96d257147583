package io.ifw.core.access;

import io.ifw.core.Attribute;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureRegistry;
import io.ifw.core.FeatureStatus;
import io.ifw.core.ModelInstance;
import io.ifw.core.ModelOptions;
import io.ifw.core.PagingModel;
import io.ifw.core.Property;
import io.ifw.core.Registration;
import io.ifw.core.ValueAvailability;

import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.Member;
import io.ifw.core.model.ModelMember;
import io.ifw.core.model.OperationMember;
import io.ifw.core.model.PropertyMember;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;
import org.osgi.util.promise.Promise;

/**
 * Every feature's shared front end by feature id and model member, for code that has no feature
 * interface to call through: gateways, consoles, shells and tools. It is the same front end the
 * feature's service object shows (same backend, same values, same swaps); the runtime registers it
 * as a service beside {@link FeatureRegistry}.
 *
 * <p>Values are the feature model's Java values ({@link io.ifw.core.model.ValueType#javaType()}):
 * boxed scalars, enum constants, records, lists and sets. A zone is a name of {@link #zones}; the
 * empty string is the zone-less view. Unknown feature ids fail with {@link ErrorCode#INVALID_ARGUMENT}
 * naming them; unknown zones with {@link ErrorCode#INVALID_ZONE}.
 */
@ProviderType
public interface FeatureAccess {

    /** What a {@link Change} is about. */
    enum ChangeKind {
        /** The feature's status ({@link FeatureStatus}): binding, connection, error, swaps. */
        STATUS,
        /** The zones: the value is the {@code List<String>} of names. */
        ZONES,
        /** A property's value in a zone. */
        VALUE,
        /** A property's {@link ValueAvailability} in a zone. */
        AVAILABILITY,
        /** A property's {@link Attribute} (its constraint) in a zone. */
        ATTRIBUTE,
        /** A signal raised in a zone; the value is its payload. */
        SIGNAL
    }

    /**
     * One change a front end notified.
     *
     * @param kind   what changed
     * @param member the property or signal, or {@code null} for STATUS and ZONES
     * @param zone   the zone ({@code ""} for the zone-less view and for STATUS and ZONES)
     * @param value  the new value, availability, attribute, status, zones or payload
     */
    record Change(ChangeKind kind, Member member, String zone, Object value) {
    }

    /** Told of every change of one feature, on the feature's delivery thread, in order; must return quickly. */
    @FunctionalInterface
    @ConsumerType
    interface Watcher {
        void changed(Change change);
    }

    /** The model of a feature. */
    FeatureModel model(String featureId);

    /** The feature's zones now; empty for a feature without zones. */
    List<String> zones(String featureId);

    /** The value on show, or {@code null} when there is none. */
    Object value(String featureId, PropertyMember property, String zone);

    ValueAvailability availability(String featureId, PropertyMember property, String zone);

    Attribute<?> attribute(String featureId, PropertyMember property, String zone);

    /** Writes a property, as {@link Property#set}. */
    Promise<Void> set(String featureId, PropertyMember property, String zone, Object value);

    /** Calls an operation, as the feature interface's method would; the promise has the result. */
    Promise<Object> invoke(String featureId, OperationMember operation, String zone, Object[] arguments);

    /** The feature's call timeout in milliseconds. */
    long callTimeoutMs(String featureId);

    /** Opens an instance of a paging model, as {@link PagingModel#open}; the caller closes it. */
    ModelInstance<Object> openModel(String featureId, ModelMember model, String zone, ModelOptions options);

    /**
     * Tells {@code watcher} of every change of the feature from now on (not of the state now: read
     * it after registering), until the registration is closed or the feature goes away.
     */
    Registration watch(String featureId, Watcher watcher);
}
