package io.ifw.backend.simulator;

import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.shell.ShellCommand;
import io.ifw.simulator.SimulatorFaults;
import io.ifw.core.FeatureRegistry;
import io.ifw.core.shell.CommandFailures;
import io.ifw.core.shell.ShellNames;
import io.ifw.core.spi.NearestName;
import org.apache.felix.service.command.Descriptor;
import java.util.Arrays;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code ifw:fault}: injects faults into a feature's simulator, so that front-end error paths can
 * be tried by hand or from a script:
 * <pre>
 * ifw:fault ID[@ZONE] MEMBER unavailable REASON...   the value is NOT_AVAILABLE with the reason
 * ifw:fault ID[@ZONE] MEMBER available               and back
 * ifw:fault ID MEMBER fail COUNT CODE                the next COUNT writes or calls fail with CODE
 * ifw:fault ID MEMBER latency MS                     every write or call is answered MS later
 * ifw:fault ID MEMBER clear                           no more failures or latency
 * </pre>
 */
@Component(service = {SimulatorCommands.class, SimulatorFaults.class})
@ShellCommand(function = "fault")
public final class SimulatorCommands implements SimulatorFaults {

    private static final List<String> KINDS = List.of("unavailable", "available", "fail", "latency", "clear");

    @Reference
    private SimulatorRuntime runtime;

    @Reference
    private FeatureRegistry registry;

    @Descriptor("injects a fault into a feature's simulator: a value made unavailable (and available again), the next "
            + "COUNT writes or calls failing with an error code, answers delayed by MS, or no faults. "
            + "Example: ifw:fault ClimateControl targetTemperature fail 1 TIMEOUT")
    public String fault(@Descriptor("FEATURE[@ZONE]: a feature id or its short name, a zone after '@' for unavailable and available, "
                                + "e.g. ClimateControl@Rear") String featureAndZone,
                        @Descriptor("MEMBER: the property or operation, e.g. targetTemperature") String member,
                        @Descriptor("KIND: unavailable [REASON...] | available | fail COUNT CODE | latency MS | clear") String kind,
                        @Descriptor("ARGUMENT...: the kind's arguments, e.g. 1 TIMEOUT for fail") String... arguments)
            throws InterruptedException {
        return CommandFailures.run(() -> {
            int at = featureAndZone.indexOf('@');
            String featureId = ShellNames.featureId(at < 0 ? featureAndZone : featureAndZone.substring(0, at), registry);
            return inject(featureId + (at < 0 ? "" : featureAndZone.substring(at)), member, kind, arguments);
        });
    }

    @Descriptor("any other arguments: says what the command takes, with an example")
    public String fault(Object... arguments) {
        throw CommandFailures.wrongArguments("ifw:fault FEATURE[@ZONE] MEMBER unavailable|available|fail|latency|clear [ARGUMENT...]",
                "ifw:fault io.ifw.vehicle.ClimateControl targetTemperature fail 1 TIMEOUT", arguments);
    }

    @Override
    public String inject(String featureId, String zone, String member, String kind, List<String> arguments) {
        try {
            return inject(featureId, zone, member, kind, arguments.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            throw new FeatureException(ErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
        }
    }

    private String inject(String featureAndZone, String member, String kind, String... arguments) {
        int at = featureAndZone.indexOf('@');
        return inject(featureAndZone.substring(0, at < 0 ? featureAndZone.length() : at), at < 0 ? "" : featureAndZone.substring(at + 1),
                member, kind, arguments);
    }

    private String inject(String featureId, String zone, String member, String kind, String[] arguments) {
        SimulatorBackend simulator = runtime.simulatorOf(featureId);
        String where = featureId + "." + member + (zone.isEmpty() ? "" : "@" + zone);
        switch (kind) {
            case "unavailable":
                String reason = arguments.length == 0 ? "made unavailable by ifw:fault" : String.join(" ", arguments);
                simulator.unavailable(member, zone, reason);
                return where + ": unavailable (" + reason + ")";
            case "available":
                simulator.unavailable(member, zone, null);
                return where + ": available";
            case "fail":
                expect(kind, arguments, 2, "COUNT CODE", "fail 1 TIMEOUT");
                int count = (int) number("COUNT", arguments[0]);
                if (count < 1) {
                    throw new IllegalArgumentException("COUNT " + count + " is not a positive number");
                }
                ErrorCode code;
                try {
                    code = ErrorCode.valueOf(arguments[1]);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown error code '" + arguments[1] + "' (" + Arrays.toString(ErrorCode.values()) + ")");
                }
                simulator.failNext(member, count, code);
                return where + ": the next " + count + " requests fail with " + code;
            case "latency":
                expect(kind, arguments, 1, "MS", "latency 400");
                long ms = number("MS", arguments[0]);
                if (ms < 0) {
                    throw new IllegalArgumentException("MS " + ms + " is negative");
                }
                simulator.latency(member, ms);
                return where + ": answered " + ms + " ms later";
            case "clear":
                simulator.clearFaults(member);
                return where + ": no faults";
            default:
                String nearest = NearestName.of(kind, KINDS);
                throw new IllegalArgumentException("unknown fault '" + kind + "'" + (nearest == null ? " (" + String.join(", ", KINDS) + ")"
                        : "; did you mean " + nearest + "?"));
        }
    }

    /** Refuses a wrong number of arguments, naming what the fault takes and what it was given. */
    private static void expect(String kind, String[] arguments, int count, String takes, String example) {
        if (arguments.length != count) {
            String given = arguments.length == 0 ? "none"
                    : arguments.length + (arguments.length == 1 ? " argument: '" : " arguments: '") + String.join("' '", arguments) + "'";
            throw new IllegalArgumentException("the fault '" + kind + "' takes " + takes + "; it was given " + given + " (e.g. " + example + ")");
        }
    }

    private static long number(String name, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + text + "' is not a whole number");
        }
    }
}
