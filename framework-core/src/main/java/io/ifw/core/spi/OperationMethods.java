package io.ifw.core.spi;

import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.OperationMember;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.Promises;

/**
 * Finds, for each operation of a feature, the backend method of the same name that implements it:
 * {@code name(String zone, parameters...)} or {@code name(parameters...)}, returning a
 * {@code Promise}, a value, or nothing. Checked once, when the backend is created.
 */
final class OperationMethods {

    private record Handler(Method method, boolean takesZone) {
    }

    private final Map<Integer, Handler> handlers = new HashMap<>();

    OperationMethods(Class<?> backendClass, FeatureModel model) {
        for (OperationMember operation : model.operations()) {
            Handler handler = find(backendClass, operation);
            if (handler != null) {
                handlers.put(operation.index(), handler);
            }
        }
    }

    boolean implemented(OperationMember operation) {
        return handlers.containsKey(operation.index());
    }

    @SuppressWarnings("unchecked")
    Promise<Object> invoke(Object backend, OperationMember operation, String zone, Object[] arguments) throws Exception {
        Handler handler = handlers.get(operation.index());
        Object[] callArguments = arguments;
        if (handler.takesZone()) {
            callArguments = new Object[arguments.length + 1];
            callArguments[0] = zone;
            System.arraycopy(arguments, 0, callArguments, 1, arguments.length);
        }
        try {
            Object result = handler.method().invoke(backend, callArguments);
            return result instanceof Promise<?> promise ? (Promise<Object>) promise : Promises.resolved(result);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw new FeatureException(ErrorCode.UNKNOWN, operation.name() + " failed: " + e.getCause(), e.getCause());
        }
    }

    private static Handler find(Class<?> backendClass, OperationMember operation) {
        Method named = null;
        for (Class<?> type = backendClass; type != null && type != AbstractBackend.class; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                if (!method.getName().equals(operation.name()) || method.isSynthetic() || method.isBridge()
                        || Modifier.isStatic(method.getModifiers())) {
                    continue;
                }
                named = method;
                if (fits(method, operation, true)) {
                    method.setAccessible(true);
                    return new Handler(method, true);
                }
                if (fits(method, operation, false)) {
                    method.setAccessible(true);
                    return new Handler(method, false);
                }
            }
        }
        if (named != null) {
            throw new IllegalArgumentException(backendClass.getName() + "." + named.getName() + " does not fit the operation "
                    + operation.signature() + ": declare it as " + operation.name() + "(String zone, ...) or "
                    + operation.name() + "(...) with the operation's parameters");
        }
        return null;
    }

    private static boolean fits(Method method, OperationMember operation, boolean withZone) {
        Class<?>[] types = method.getParameterTypes();
        int offset = withZone ? 1 : 0;
        if (types.length != operation.parameters().size() + offset || (withZone && types[0] != String.class)) {
            return false;
        }
        for (int i = 0; i < operation.parameters().size(); i++) {
            Class<?> expected = operation.parameters().get(i).type().javaType();
            if (!box(types[i + offset]).isAssignableFrom(expected)) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return Map.<Class<?>, Class<?>>of(boolean.class, Boolean.class, int.class, Integer.class, long.class, Long.class,
                double.class, Double.class).getOrDefault(type, type);
    }
}
