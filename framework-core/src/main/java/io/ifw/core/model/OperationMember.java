package io.ifw.core.model;

import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An operation: a method with value-typed parameters returning a promise of a value (or of
 * {@code Void}).
 *
 * @param name       the member name
 * @param index      the member slot
 * @param method     the declaring method
 * @param parameters the parameters in order
 * @param result     the type the promise resolves to ({@link ScalarType#VOID} for none)
 */
public record OperationMember(String name, int index, Method method, List<Parameter> parameters, ValueType result)
        implements Member {

    /**
     * A parameter of an operation.
     *
     * @param name its name (from {@code -parameters}, else {@code argN})
     * @param type its value type
     */
    public record Parameter(String name, ValueType type) {
    }

    public OperationMember {
        parameters = List.copyOf(parameters);
    }

    @Override
    public String signature() {
        return "operation " + name + parameters.stream().map(p -> p.name() + ":" + p.type().signature())
                .collect(Collectors.joining(",", "(", ")")) + ":" + result.signature();
    }
}
