package io.ifw.backend.local.media;

import io.ifw.core.spi.BackendService;
import java.util.Map;
import io.ifw.core.spi.Configurations;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.ModelCapability;
import io.ifw.core.ModelChange;
import io.ifw.core.Registration;
import io.ifw.core.ValueAvailability;
import io.ifw.core.spi.AbstractBackend;
import io.ifw.core.spi.Backend;
import io.ifw.core.spi.ListModel;
import io.ifw.core.spi.TickerLease;
import io.ifw.core.spi.Ticker;
import io.ifw.media.AudioTrack;
import io.ifw.media.MediaPlayer;
import io.ifw.media.MediaPlayer.PlayMode;
import io.ifw.media.MediaPlayer.PlayState;
import java.util.EnumSet;
import java.util.Random;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.Promises;

/**
 * A player that advances the position of the current track with the ticker and moves through its
 * play queue by the play mode. No audio is produced: the position is the model of playback.
 */
@Component(service = Backend.class, configurationPid = LocalMediaPlayer.PID)
@BackendService(feature = "io.ifw.media.MediaPlayer", backend_name = "player-local")
@Designate(ocd = LocalMediaPlayer.Config.class)
public final class LocalMediaPlayer extends AbstractBackend<MediaPlayer> {

    static final String PID = "io.ifw.backend.local.player";

    @ObjectClassDefinition(name = "IFW local media player", description = "Playback on the clock")
    public @interface Config {
        @AttributeDefinition(name = "Tick interval (ms)", min = "1")
        long tickIntervalMs() default 500;
    }

    private final ListModel<AudioTrack> queue = new ListModel<>(EnumSet.of(ModelCapability.INSERT, ModelCapability.REMOVE,
            ModelCapability.MOVE, ModelCapability.FILTERING, ModelCapability.SORTING, ModelCapability.AND_CONJUNCTION,
            ModelCapability.OR_CONJUNCTION));
    private final long tickIntervalMs;
    private final TickerLease time;
    private final Registration watching;
    private final Random shuffle = new Random(42);
    // Every change of the player's state happens under the queue's lock: queue changes arrive
    // holding it, so taking it first everywhere keeps one lock order (queue, then backend).

    @Activate
    public LocalMediaPlayer(Map<String, Object> properties,
                            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY) Ticker ticker) {
        this(ticker, Configurations.readOrFail(PID, Config.class, properties, config -> checked(config, properties)));
    }

    private LocalMediaPlayer(Ticker ticker, Config config) {
        this(ticker, config.tickIntervalMs());
    }

    private static void checked(Config config, Map<String, Object> properties) {
        Configurations.check(properties, "tickIntervalMs", config.tickIntervalMs() > 0, "a positive number of milliseconds");
    }

    public LocalMediaPlayer(Ticker ticker, long tickIntervalMs) {
        super(MediaPlayer.class);
        if (tickIntervalMs <= 0) {
            throw new IllegalArgumentException(PID + ": tickIntervalMs must be positive, was " + tickIntervalMs);
        }
        this.tickIntervalMs = tickIntervalMs;
        serveModel(MediaPlayer::playQueue, queue);
        this.watching = queue.onChange(this::queueChanged);
        onSet(MediaPlayer::currentIndex, (zone, index) -> {
            synchronized (queue) {
                if (index < 0 || index >= queue.size()) {
                    throw new FeatureException(ErrorCode.OUT_OF_RANGE, "currentIndex " + index + " is outside the play queue [0-"
                            + (queue.size() - 1) + "]");
                }
                select(index);
            }
            return Promises.resolved(null);
        });
        select(-1);
        this.time = TickerLease.of(ticker, "ifw-local-player");
        time.every(tickIntervalMs, this::tick);
    }

    /** The queue as the backend sees it (tests, and whoever fills it in the container). */
    ListModel<AudioTrack> queue() {
        return queue;
    }

    public Promise<Void> play() {
        synchronized (queue) {
            if (queue.size() == 0) {
                return Promises.failed(new FeatureException(ErrorCode.INVALID_OPERATION, "play: the play queue is empty"));
            }
            if (value(MediaPlayer::currentIndex) < 0) {
                select(0);
            }
            update(MediaPlayer::playState, PlayState.PLAYING);
            return Promises.resolved(null);
    
        }
    }

    public Promise<Void> pause() {
        synchronized (queue) {
            if (value(MediaPlayer::playState) == PlayState.PLAYING) {
                update(MediaPlayer::playState, PlayState.PAUSED);
            }
            return Promises.resolved(null);
    
        }
    }

    public Promise<Void> stop() {
        synchronized (queue) {
            update(MediaPlayer::playState, PlayState.STOPPED);
            update(MediaPlayer::positionMs, 0L);
            return Promises.resolved(null);
    
        }
    }

    public Promise<Void> next() {
        synchronized (queue) {
            int next = following(1);
            if (next < 0) {
                return Promises.failed(new FeatureException(ErrorCode.INVALID_OPERATION, "next: the current track is the last of the play queue"));
            }
            select(next);
            return Promises.resolved(null);
    
        }
    }

    public Promise<Void> previous() {
        synchronized (queue) {
            int previous = following(-1);
            if (previous < 0) {
                return Promises.failed(new FeatureException(ErrorCode.INVALID_OPERATION, "previous: the current track is the first of the play queue"));
            }
            select(previous);
            return Promises.resolved(null);
    
        }
    }

    public Promise<Void> seek(long positionMs) {
        synchronized (queue) {
            long duration = value(MediaPlayer::durationMs);
            if (positionMs < 0 || positionMs > duration) {
                return Promises.failed(new FeatureException(ErrorCode.OUT_OF_RANGE, "seek to " + positionMs
                        + " ms is outside the current track [0-" + duration + "]"));
            }
            update(MediaPlayer::positionMs, positionMs);
            return Promises.resolved(null);
    
        }
    }

    /** The queue index {@code step} away from the current one by the play mode, or -1 when there is none. */
    private int following(int step) {
        int size = queue.size();
        int current = value(MediaPlayer::currentIndex);
        if (size == 0) {
            return -1;
        }
        PlayMode mode = value(MediaPlayer::playMode);
        if (mode == PlayMode.SHUFFLE && step > 0) {
            return shuffle.nextInt(size);
        }
        int next = current + step;
        if (next >= 0 && next < size) {
            return next;
        }
        return mode == PlayMode.REPEAT_ALL ? Math.floorMod(next, size) : -1;
    }

    private void tick() {
        synchronized (queue) {
            if (value(MediaPlayer::playState) != PlayState.PLAYING) {
                return;
            }
            long position = value(MediaPlayer::positionMs) + tickIntervalMs;
            if (position < value(MediaPlayer::durationMs)) {
                update(MediaPlayer::positionMs, position);
                return;
            }
            if (value(MediaPlayer::playMode) == PlayMode.REPEAT_TRACK) {
                update(MediaPlayer::positionMs, 0L);
                return;
            }
            int next = following(1);
            if (next < 0) {
                update(MediaPlayer::positionMs, value(MediaPlayer::durationMs));
                update(MediaPlayer::playState, PlayState.STOPPED);
            } else {
                select(next);
            }
    
        }
    }

    private void select(int index) {
        update(MediaPlayer::currentIndex, index);
        update(MediaPlayer::positionMs, 0L);
        if (index < 0) {
            update(MediaPlayer::durationMs, 0L);
            setAvailability(MediaPlayer::currentTrack, "", ValueAvailability.notAvailable("the play queue is empty"));
            update(MediaPlayer::playState, PlayState.STOPPED);
        } else {
            AudioTrack track = queue.get(index);
            update(MediaPlayer::currentTrack, track);
            update(MediaPlayer::durationMs, track.durationMs());
        }
    }

    /** Keeps the current index on the same track when the queue changes around it. */
    private void queueChanged(ModelChange change) {
        synchronized (queue) {
            int current = value(MediaPlayer::currentIndex);
            int size = queue.size();
            switch (change.kind()) {
                case INSERTED:
                    if (current < 0) {
                        select(0);
                    } else if (change.index() <= current) {
                        update(MediaPlayer::currentIndex, current + change.count());
                    }
                    break;
                case REMOVED:
                    if (current >= change.index() + change.count()) {
                        update(MediaPlayer::currentIndex, current - change.count());
                    } else if (current >= change.index()) {
                        select(size == 0 ? -1 : Math.min(change.index(), size - 1));
                    }
                    break;
                case MOVED:
                    if (current == change.index()) {
                        update(MediaPlayer::currentIndex, change.to());
                    } else if (change.index() < current && change.to() >= current) {
                        update(MediaPlayer::currentIndex, current - 1);
                    } else if (change.index() > current && change.to() <= current) {
                        update(MediaPlayer::currentIndex, current + 1);
                    }
                    break;
                default:
                    select(size == 0 ? -1 : 0);
                    break;
            }
    
        }
    }

    @Deactivate
    public void deactivate() {
        watching.close();
        time.close();
    }
}
