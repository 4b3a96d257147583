package io.ifw.core.spi;

import io.ifw.core.model.FeatureModel;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The journaled history of backends' change logs: the changes a reader missed beyond what a
 * {@link ChangeLog} keeps in memory — a remote client that comes back after a server restart, a
 * client that asks for the changes since a sequence it kept. The state journal registers it as a
 * service.
 */
@ProviderType
public interface ChangeHistory {

    /**
     * What a read of the history gave.
     *
     * @param last    the sequence of the last change handed ({@code since} when none)
     * @param refusal {@code null} when every change asked for was handed; else why they cannot be
     *                had (not journaled, before the journal's retention, conflated, too many), and
     *                what was handed must be discarded
     */
    record Replay(long last, String refusal) {
        public boolean complete() {
            return refusal == null;
        }
    }

    /**
     * Hands {@code handler} the journaled changes of change log {@code logId} of backend
     * {@code backendName} of {@code model}'s feature with sequences after {@code since}, up to
     * {@code until} or the last one journaled, in order and without a gap. Changes that are not
     * state (signals, the link's state) are handed as {@link ChangeLog.Kind#CONNECTION} with a
     * {@code null} value: the sequence moves on, nothing changes.
     *
     * @param limit the most changes to hand; more is a refusal
     */
    Replay changesSince(FeatureModel model, String backendName, long logId, long since, long until, int limit, ChangeLog.Handler handler);
}
