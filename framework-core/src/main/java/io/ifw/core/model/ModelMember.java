package io.ifw.core.model;

import java.lang.reflect.Method;

/**
 * A paging model member: a large list of records served in chunks.
 *
 * @param name   the member name
 * @param index  the member slot
 * @param method the declaring method
 * @param type   the model type, with its item record
 */
public record ModelMember(String name, int index, Method method, PagingModelType type) implements Member {

    @Override
    public String signature() {
        return "model " + name + ":" + type.signature();
    }
}
