package io.ifw.backend.simulator.behavior;

import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.simulator.SimulationBehavior;
import io.ifw.simulator.SimulationContext;
import org.osgi.service.component.annotations.Component;
import org.osgi.util.promise.Promises;

/**
 * A simulated player: play, pause and stop set the play state; while playing, the position moves
 * 500 ms every 500 ms through a track of three minutes (or the data's duration), and stops at its end.
 */
@Component(property = SimulationBehavior.FEATURE + "=io.ifw.media.MediaPlayer")
public final class PlaybackProgress implements SimulationBehavior {

    static final long TICK_MS = 500;
    static final long TRACK_MS = 180_000;

    @Override
    public void attach(SimulationContext context) {
        context.onCall("play", (zone, args) -> {
            if (!(context.value("durationMs", "") instanceof Long duration) || duration <= 0) {
                context.update("durationMs", "", TRACK_MS);
            }
            context.update("playState", "", context.parse("playState", "PLAYING"));
            return Promises.resolved(null);
        });
        context.onCall("pause", (zone, args) -> {
            context.update("playState", "", context.parse("playState", "PAUSED"));
            return Promises.resolved(null);
        });
        context.onCall("stop", (zone, args) -> {
            context.update("playState", "", context.parse("playState", "STOPPED"));
            context.update("positionMs", "", 0L);
            return Promises.resolved(null);
        });
        context.onCall("seek", (zone, args) -> {
            long position = (Long) args[0];
            long duration = (Long) context.value("durationMs", "");
            if (position < 0 || position > duration) {
                throw new FeatureException(ErrorCode.OUT_OF_RANGE, "seek to " + position + " ms is outside the current track [0-" + duration + "]");
            }
            context.update("positionMs", "", position);
            return Promises.resolved(null);
        });
        context.every(TICK_MS, () -> {
            if (!"PLAYING".equals(String.valueOf(context.value("playState", "")))) {
                return;
            }
            long duration = (Long) context.value("durationMs", "");
            long position = Math.min(duration, (Long) context.value("positionMs", "") + TICK_MS);
            context.update("positionMs", "", position);
            if (position >= duration) {
                context.update("playState", "", context.parse("playState", "STOPPED"));
            }
        });
    }
}
