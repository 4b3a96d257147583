package io.ifw.backend.simulator;

/**
 * Simulation data that cannot be used. The message names the file, the JSON path and the problem,
 * e.g. {@code climate.json: $.ClimateControl.fanSpeedLevel.range: a range has two values, not 3}.
 */
public class SimulationDataException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String path;

    public SimulationDataException(String file, String path, String problem) {
        super(file + ": " + path + ": " + problem);
        this.file = file;
        this.path = path;
    }

    public String file() {
        return file;
    }

    public String path() {
        return path;
    }
}
