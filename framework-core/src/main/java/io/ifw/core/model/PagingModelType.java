package io.ifw.core.model;

import io.ifw.core.PagingModel;
import java.util.List;
import java.util.Objects;

/**
 * A paging model of records: a list served in chunks.
 *
 * @param item the record type of the items
 */
public record PagingModelType(RecordType item) implements ValueType {

    public PagingModelType {
        Objects.requireNonNull(item, "item");
    }

    @Override
    public Class<?> javaType() {
        return PagingModel.class;
    }

    @Override
    public String signature() {
        return "model<" + item.signature() + ">";
    }

    @Override
    public boolean accepts(Object value) {
        return false; // a model is not a value that can be written
    }

    @Override
    public boolean compatibleWith(ValueType other) {
        return other instanceof PagingModelType m && item.compatibleWith(m.item);
    }

    @Override
    public Object parse(String text) {
        throw new IllegalArgumentException("a paging model cannot be written as text");
    }

    @Override
    public List<ValueType> children() {
        return List.of(item);
    }
}
