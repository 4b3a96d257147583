package io.ifw.media;

import io.ifw.core.Feature;
import io.ifw.core.PagingModel;
import io.ifw.core.Property;
import io.ifw.core.ReadOnlyProperty;
import io.ifw.core.Signal;
import io.ifw.core.annotations.Default;
import org.osgi.annotation.versioning.ProviderType;
import org.osgi.util.promise.Promise;

/**
 * An AM/FM radio tuner. The frequency's range and step follow the band (its attribute changes with
 * the band); seeking and scanning step through the stations.
 */
@io.ifw.core.annotations.Feature(id = "io.ifw.media.AmFmTuner", version = "1.0")
@ProviderType
public interface AmFmTuner extends Feature {

    /** The band. */
    enum Band { AM, FM }

    @Default("FM")
    Property<Band> band();

    /** The frequency tuned, in kHz. */
    Property<Integer> frequencyKhz();

    @Default("0")
    ReadOnlyProperty<Integer> minimumFrequencyKhz();

    @Default("0")
    ReadOnlyProperty<Integer> maximumFrequencyKhz();

    @Default("0")
    ReadOnlyProperty<Integer> stepSizeKhz();

    /** The station at the tuned frequency, or none. */
    ReadOnlyProperty<TunerStation> station();

    @Default("false")
    ReadOnlyProperty<Boolean> scanRunning();

    /** The stations of the current band. */
    PagingModel<TunerStation> stations();

    /** Tunes to the next station up; resolves with it. */
    Promise<TunerStation> seekUp();

    /** Tunes to the next station down; resolves with it. */
    Promise<TunerStation> seekDown();

    /** Plays each station for a while, in turn, until stopped. */
    Promise<Void> startScan();

    Promise<Void> stopScan();

    Signal<Void> scanStarted();

    Signal<Void> scanStopped();
}
