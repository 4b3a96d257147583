package io.ifw.journal.internal;

import io.ifw.codec.FeatureCodec;
import io.ifw.core.Feature;
import io.ifw.core.ReadOnlyProperty;
import io.ifw.core.Registration;
import io.ifw.core.ZonedFeature;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.Member;
import io.ifw.core.model.PropertyMember;
import io.ifw.journal.Recorder;
import io.ifw.journal.Recording;
import io.ifw.journal.Replay;
import io.ifw.simulator.SimulationBehavior;
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.ExpandableArrayBuffer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Records what a feature's shared front end shows into a journal of its own, and replays a
 * recording through the feature's simulator as a {@link SimulationBehavior}.
 */
@Component(service = Recorder.class)
public final class RecorderService implements Recorder {

    /** The source of a recording's records. */
    static final String FRONT_END = "front-end";
    private static final System.Logger LOG = System.getLogger(RecorderService.class.getName());

    private BundleContext context;
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @Activate
    void activate(BundleContext bundleContext) {
        this.context = bundleContext;
    }

    @Deactivate
    void deactivate() {
        for (AutoCloseable closeable : open) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "IFW: closing a recording or replay: " + e);
            }
        }
    }

    // ---------------------------------------------------------------- recording

    @Override
    public Recording record(String featureId, Path directory) {
        ServiceReference<?> reference = frontEnd(featureId);
        Object view = context.getService(reference);
        FeatureModel model = modelOf(view, featureId);
        JournalWriter writer;
        try {
            writer = new JournalWriter(directory, Queues.rollCycle("FAST_DAILY"), 0);
        } catch (JournalException e) {
            context.ungetService(reference);
            throw new IllegalStateException(e.getMessage(), e);
        }
        FrontEndRecording recording = new FrontEndRecording(featureId, model, view, writer, () -> context.ungetService(reference));
        open.add(recording);
        recording.start();
        return recording;
    }

    private ServiceReference<?> frontEnd(String featureId) {
        try {
            ServiceReference<?>[] references = context.getServiceReferences((String) null,
                    "(&(" + io.ifw.core.annotations.Feature.NAMESPACE + "=" + featureId + ")(ifw.feature=" + featureId + "))");
            if (references == null || references.length == 0) {
                throw new IllegalArgumentException("no feature '" + featureId + "' in this container (ifw:features lists them)");
            }
            return references[0];
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("'" + featureId + "' is not a feature id", e);
        }
    }

    private static FeatureModel modelOf(Object view, String featureId) {
        for (Class<?> type : view.getClass().getInterfaces()) {
            if (type.isAnnotationPresent(io.ifw.core.annotations.Feature.class)) {
                FeatureModel model = FeatureModel.of(type);
                if (model.id().equals(featureId)) {
                    return model;
                }
            }
        }
        throw new IllegalArgumentException("the front end of '" + featureId + "' has no feature interface of that id");
    }

    /** A recording of one front end: a snapshot of what it shows now, then every change. */
    private final class FrontEndRecording implements Recording {
        private final String featureId;
        private final FeatureModel model;
        private final Object view;
        private final JournalWriter writer;
        private final Runnable release;
        private final FeatureCodec codec;
        private final ExpandableArrayBuffer payload = new ExpandableArrayBuffer(128);
        private final List<Registration> listeners = new ArrayList<>();
        private final AtomicLong values = new AtomicLong();
        private volatile boolean closed;

        FrontEndRecording(String featureId, FeatureModel model, Object view, JournalWriter writer, Runnable release) {
            this.featureId = featureId;
            this.model = model;
            this.view = view;
            this.writer = writer;
            this.release = release;
            this.codec = new FeatureCodec(model);
        }

        synchronized void start() {
            List<String> zones = view instanceof ZonedFeature<?> zoned ? zoned.zones() : List.of();
            int length = JournalRecord.putStrings(payload, FRONT_END, "recording", model.schemaText());
            long begin = writer.append(JournalRecord.SNAPSHOT_BEGIN, featureId, FRONT_END, "", "", payload, 0, length);
            writer.append(JournalRecord.ZONES, featureId, FRONT_END, "", "", payload, 0, FeatureCodec.putZones(zones, payload, 0));
            List<String> views = new ArrayList<>();
            views.add("");
            views.addAll(zones);
            for (String zone : views) {
                Object zoneView = zone.isEmpty() ? view : ((ZonedFeature<?>) view).zone(zone);
                for (Member member : model.members()) {
                    if (member instanceof PropertyMember property) {
                        ReadOnlyProperty<?> value = property(zoneView, property);
                        if (value.get() != null) {
                            record(property, zone, value.get());
                        }
                        listeners.add(value.onChange(changed -> record(property, zone, changed)));
                    }
                }
            }
            length = JournalRecord.putStrings(payload, Long.toString(begin), FRONT_END);
            writer.append(JournalRecord.SNAPSHOT_END, featureId, FRONT_END, "", "", payload, 0, length);
        }

        private ReadOnlyProperty<?> property(Object zoneView, PropertyMember property) {
            try {
                return (ReadOnlyProperty<?>) property.method().invoke(zoneView);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + property.name() + " of " + featureId + ": " + e, e);
            }
        }

        private synchronized void record(PropertyMember property, String zone, Object value) {
            if (closed) {
                return;
            }
            try {
                int length = codec.putValue(property.index(), value, payload, 0);
                if (writer.append(JournalRecord.VALUE, featureId, FRONT_END, property.name(), zone, payload, 0, length) > 0) {
                    values.incrementAndGet();
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "IFW: cannot record " + property.name() + " of " + featureId + ": " + e);
            }
        }

        @Override
        public String featureId() {
            return featureId;
        }

        @Override
        public long values() {
            return values.get();
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            listeners.forEach(Registration::close);
            writer.close();
            release.run();
            open.remove(this);
        }
    }

    // ---------------------------------------------------------------- replay

    @Override
    public Replay replay(String featureId, Path directory, double speed) {
        ReplayBehavior replay = ReplayBehavior.of(featureId, directory, speed, open::remove);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(SimulationBehavior.FEATURE, featureId);
        replay.registration = context.registerService(SimulationBehavior.class, replay, properties);
        open.add(replay);
        return replay;
    }

}
