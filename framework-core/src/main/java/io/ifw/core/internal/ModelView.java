package io.ifw.core.internal;

import io.ifw.core.ModelInstance;
import io.ifw.core.ModelOptions;
import io.ifw.core.PagingModel;
import io.ifw.core.model.ModelMember;
import java.util.Objects;

/** A paging model member of one view (owner and zone) of a front end. */
final class ModelView implements PagingModel<Object> {

    private final FeatureFrontEnd frontEnd;
    private final ModelMember member;
    private final String zone;
    private final Object owner;

    ModelView(FeatureFrontEnd frontEnd, ModelMember member, String zone, Object owner) {
        this.frontEnd = frontEnd;
        this.member = member;
        this.zone = zone;
        this.owner = owner;
    }

    @Override
    public String name() {
        return member.name();
    }

    @Override
    public ModelInstance<Object> open(ModelOptions options) {
        return frontEnd.openModel(member, zone, Objects.requireNonNull(options, "options"), owner);
    }

    @Override
    public String toString() {
        return "model " + member.name() + (zone.isEmpty() ? "" : "@" + zone);
    }
}
