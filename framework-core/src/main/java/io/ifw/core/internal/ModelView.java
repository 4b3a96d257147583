package io.ifw.core.internal;

import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.PagingModel;
import io.ifw.core.model.ModelMember;
import java.util.List;
import org.osgi.util.promise.Promise;

/**
 * A paging model member of a view. The backend SPI has no paging calls yet (they come with the
 * reference features that serve models), so fetching fails with INVALID_OPERATION saying so.
 */
final class ModelView implements PagingModel<Object> {

    private final FeatureFrontEnd frontEnd;
    private final ModelMember member;

    ModelView(FeatureFrontEnd frontEnd, ModelMember member) {
        this.frontEnd = frontEnd;
        this.member = member;
    }

    @Override
    public String name() {
        return member.name();
    }

    @Override
    public Promise<List<Object>> fetch(int start, int count) {
        return Promising.FACTORY.failed(new FeatureException(ErrorCode.INVALID_OPERATION, "fetch " + member.name() + " of "
                + frontEnd.model().id() + ": this runtime does not serve paging models yet"));
    }
}
