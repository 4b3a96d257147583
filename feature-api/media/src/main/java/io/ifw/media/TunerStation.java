package io.ifw.media;

/**
 * A radio station.
 *
 * @param id           unique among the stations
 * @param name         its name, e.g. {@code Radio One}
 * @param band         {@code AM} or {@code FM}
 * @param frequencyKhz where it is, in kHz
 */
public record TunerStation(String id, String name, AmFmTuner.Band band, int frequencyKhz) {
}
