package io.ifw.core.spi;

import org.osgi.annotation.versioning.ConsumerType;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import java.util.List;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.Promises;

/**
 * One front end's connection to a backend. Members are addressed by their index in the feature
 * model ({@link io.ifw.core.model.Member#index()}); zones by name, empty for the zone-less view.
 * Methods may be called from any thread and must not block.
 */
@ConsumerType
public interface BackendConnection extends AutoCloseable {

    /**
     * Asks the backend to set a property.
     *
     * @return resolved when applied; failed with a {@link io.ifw.core.FeatureException} otherwise
     */
    Promise<Void> set(int property, String zone, Object value);

    /**
     * Calls an operation; completions may come in any order.
     *
     * @return the operation's result ({@code null} for {@code Void}), or a failure with a
     *     {@link io.ifw.core.FeatureException}
     */
    Promise<Object> invoke(int operation, String zone, Object[] arguments);

    /**
     * Opens a paging model instance; its changes are reported with
     * {@link BackendListener#modelChanged}. Backends without paging models keep the default,
     * which fails with INVALID_OPERATION.
     */
    default Promise<ModelInfo> openModel(ModelRequest request) {
        return Promises.failed(new FeatureException(ErrorCode.INVALID_OPERATION, "this backend serves no paging models"));
    }

    /** Fetches items of an open instance: {@code count} from {@code start}, fewer at the end. */
    default Promise<List<Object>> fetchModel(long instance, int start, int count) {
        return Promises.failed(new FeatureException(ErrorCode.INVALID_OPERATION, "this backend serves no paging models"));
    }

    /** Edits an open instance's items. */
    default Promise<Void> editModel(long instance, ModelEdit edit) {
        return Promises.failed(new FeatureException(ErrorCode.INVALID_OPERATION, "this backend serves no paging models"));
    }

    /** Releases an open instance. */
    default void closeModel(long instance) {
    }

    /** Detaches the front end; the backend stops reporting to its listener. */
    @Override
    void close();
}
