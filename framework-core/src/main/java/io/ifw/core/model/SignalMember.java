package io.ifw.core.model;

import java.lang.reflect.Method;

/**
 * A signal: an event with a payload.
 *
 * @param name    the member name
 * @param index   the member slot
 * @param method  the declaring method
 * @param payload the payload type ({@link ScalarType#VOID} for none)
 */
public record SignalMember(String name, int index, Method method, ValueType payload) implements Member {

    @Override
    public String signature() {
        return "signal " + name + ":" + payload.signature();
    }
}
