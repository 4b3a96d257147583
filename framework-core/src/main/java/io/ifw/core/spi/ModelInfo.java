package io.ifw.core.spi;

import io.ifw.core.ModelCapability;
import java.util.Set;

/**
 * What a backend tells a front end that opened a model instance.
 *
 * @param size         the number of items, or -1 when the backend does not know it (no GET_SIZE)
 * @param capabilities what the instance supports
 */
public record ModelInfo(int size, Set<ModelCapability> capabilities) {

    public ModelInfo {
        capabilities = Set.copyOf(capabilities);
    }
}
