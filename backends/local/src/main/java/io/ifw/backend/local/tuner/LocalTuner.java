package io.ifw.backend.local.tuner;

import io.ifw.core.spi.BackendService;
import java.util.Map;
import io.ifw.core.spi.Configurations;
import io.ifw.core.Attribute;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.ModelCapability;
import io.ifw.core.Registration;
import io.ifw.core.spi.AbstractBackend;
import io.ifw.core.spi.Backend;
import io.ifw.core.spi.ListModel;
import io.ifw.core.spi.TickerLease;
import io.ifw.core.spi.Ticker;
import io.ifw.media.AmFmTuner;
import io.ifw.media.AmFmTuner.Band;
import io.ifw.media.TunerStation;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
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
 * An AM/FM tuner over a station list from configuration. The frequency's range follows the band
 * (FM 87,500–108,000 kHz in steps of 100; AM 531–1,602 kHz in steps of 9); seeking steps to the
 * next station; scanning plays each station for {@code scanIntervalMs} on the ticker.
 */
@Component(service = Backend.class, configurationPid = LocalTuner.PID)
@BackendService(feature = "io.ifw.media.AmFmTuner", backend_name = "tuner-local")
@Designate(ocd = LocalTuner.Config.class)
public final class LocalTuner extends AbstractBackend<AmFmTuner> {

    static final String PID = "io.ifw.backend.local.tuner";
    private static final System.Logger LOG = System.getLogger(LocalTuner.class.getName());

    @ObjectClassDefinition(name = "IFW local tuner backend", description = "An AM/FM tuner over a station list")
    public @interface Config {
        @AttributeDefinition(name = "Stations", description = "BAND|NAME|FREQUENCY_KHZ, e.g. FM|Radio One|98500")
        String[] stations() default {"FM|Radio One|98500", "FM|Jazz FM|102200", "FM|Classic FM|89300", "AM|World Service|648",
                                     "AM|Talk Radio|909"};

        @AttributeDefinition(name = "Scan interval (ms)", min = "1")
        long scanIntervalMs() default 5000;
    }

    /** A band's frequency grid. */
    record Grid(int minimumKhz, int maximumKhz, int stepKhz) {
        boolean holds(int khz) {
            return khz >= minimumKhz && khz <= maximumKhz && (khz - minimumKhz) % stepKhz == 0;
        }
    }

    static final Grid FM = new Grid(87_500, 108_000, 100);
    static final Grid AM = new Grid(531, 1_602, 9);

    private final List<TunerStation> allStations;
    private final ListModel<TunerStation> stations = new ListModel<>(EnumSet.of(ModelCapability.FILTERING,
            ModelCapability.SORTING, ModelCapability.AND_CONJUNCTION, ModelCapability.OR_CONJUNCTION));
    private final TickerLease time;
    private final long scanIntervalMs;
    private Registration scanning;

    @Activate
    public LocalTuner(Map<String, Object> properties,
                      @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY) Ticker ticker) {
        this(ticker, Configurations.readOrFail(PID, Config.class, properties, config -> checked(config, properties)));
    }

    private LocalTuner(Ticker ticker, Config config) {
        this(ticker, parseStations(config.stations()), config.scanIntervalMs());
    }

    private static void checked(Config config, Map<String, Object> properties) {
        Configurations.check(properties, "scanIntervalMs", config.scanIntervalMs() > 0, "a positive number of milliseconds");
    }

    public LocalTuner(Ticker ticker, List<TunerStation> stationList, long scanIntervalMs) {
        super(AmFmTuner.class);
        if (scanIntervalMs <= 0) {
            throw new IllegalArgumentException(PID + ": scanIntervalMs must be positive, was " + scanIntervalMs);
        }
        this.allStations = stationList.stream().sorted(Comparator.comparingInt(TunerStation::frequencyKhz)).toList();
        this.time = TickerLease.of(ticker, "ifw-local-tuner");
        this.scanIntervalMs = scanIntervalMs;
        serveModel(AmFmTuner::stations, stations);
        onSet(AmFmTuner::band, (zone, band) -> {
            switchTo(band);
            return Promises.resolved(null);
        });
        onSet(AmFmTuner::frequencyKhz, (zone, khz) -> {
            Grid grid = grid(value(AmFmTuner::band));
            if (!grid.holds(khz)) {
                throw new FeatureException(ErrorCode.OUT_OF_RANGE, "frequencyKhz " + khz + " is not on the " + value(AmFmTuner::band)
                        + " grid: [" + grid.minimumKhz() + "-" + grid.maximumKhz() + "] in steps of " + grid.stepKhz() + " kHz");
            }
            tune(khz);
            return Promises.resolved(null);
        });
        switchTo(Band.FM);
    }

    /** Reads {@code BAND|NAME|FREQUENCY_KHZ} entries; a malformed one is logged and skipped. */
    static List<TunerStation> parseStations(String[] entries) {
        List<TunerStation> parsed = new ArrayList<>();
        for (String entry : entries == null ? new String[0] : entries) {
            String[] parts = entry.split("\\|");
            try {
                if (parts.length != 3) {
                    throw new IllegalArgumentException("it is not BAND|NAME|FREQUENCY_KHZ");
                }
                Band band = Band.valueOf(parts[0].trim());
                int khz = Integer.parseInt(parts[2].trim());
                if (!grid(band).holds(khz)) {
                    throw new IllegalArgumentException(khz + " kHz is not on the " + band + " grid");
                }
                parsed.add(new TunerStation(band + "-" + khz, parts[1].trim(), band, khz));
            } catch (IllegalArgumentException e) {
                LOG.log(Level.ERROR, "IFW: " + PID + " station '" + entry + "' is skipped: " + e.getMessage());
            }
        }
        return parsed;
    }

    static Grid grid(Band band) {
        return band == Band.AM ? AM : FM;
    }

    private synchronized void switchTo(Band band) {
        Grid grid = grid(band);
        update(AmFmTuner::band, band);
        update(AmFmTuner::minimumFrequencyKhz, grid.minimumKhz());
        update(AmFmTuner::maximumFrequencyKhz, grid.maximumKhz());
        update(AmFmTuner::stepSizeKhz, grid.stepKhz());
        setAttribute(AmFmTuner::frequencyKhz, "", Attribute.range((double) grid.minimumKhz(), (double) grid.maximumKhz()));
        List<TunerStation> inBand = allStations.stream().filter(s -> s.band() == band).toList();
        stations.replaceAll(inBand);
        tune(inBand.isEmpty() ? grid.minimumKhz() : inBand.get(0).frequencyKhz());
    }

    private synchronized void tune(int khz) {
        update(AmFmTuner::frequencyKhz, khz);
        TunerStation station = stations.snapshot().stream().filter(s -> s.frequencyKhz() == khz).findFirst().orElse(null);
        if (station == null) {
            setAvailability(AmFmTuner::station, "", io.ifw.core.ValueAvailability.notAvailable("no station at " + khz + " kHz"));
        } else {
            update(AmFmTuner::station, station);
        }
    }

    /** The operation {@code seekUp()}. */
    public synchronized Promise<TunerStation> seekUp() {
        return seek(true);
    }

    /** The operation {@code seekDown()}. */
    public synchronized Promise<TunerStation> seekDown() {
        return seek(false);
    }

    private Promise<TunerStation> seek(boolean up) {
        List<TunerStation> inBand = stations.snapshot();
        if (inBand.isEmpty()) {
            return Promises.failed(new FeatureException(ErrorCode.INVALID_OPERATION, "there is no station on " + value(AmFmTuner::band)));
        }
        int now = value(AmFmTuner::frequencyKhz);
        TunerStation next = up
                ? inBand.stream().filter(s -> s.frequencyKhz() > now).findFirst().orElse(inBand.get(0))
                : inBand.stream().filter(s -> s.frequencyKhz() < now).reduce((a, b) -> b).orElse(inBand.get(inBand.size() - 1));
        tune(next.frequencyKhz());
        return Promises.resolved(next);
    }

    /** The operation {@code startScan()}. */
    public synchronized Promise<Void> startScan() {
        if (scanning == null) {
            update(AmFmTuner::scanRunning, true);
            emit(AmFmTuner::scanStarted, "", null);
            scanning = time.every(scanIntervalMs, this::seekUp);
        }
        return Promises.resolved(null);
    }

    /** The operation {@code stopScan()}. */
    public synchronized Promise<Void> stopScan() {
        if (scanning != null) {
            scanning.close();
            scanning = null;
            update(AmFmTuner::scanRunning, false);
            emit(AmFmTuner::scanStopped, "", null);
        }
        return Promises.resolved(null);
    }

    @Deactivate
    public void stop() {
        stopScan();
        time.close();
    }
}
