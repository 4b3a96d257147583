package io.ifw.core.internal.shell;

import io.ifw.core.BackendInfo;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.FeatureRegistry;
import io.ifw.core.FeatureStatus;
import io.ifw.core.Registration;
import io.ifw.core.access.FeatureAccess;
import io.ifw.core.dto.BackendDTO;
import io.ifw.core.dto.ChangeDTO;
import io.ifw.core.dto.FeatureDTO;
import io.ifw.core.dto.PropertyValueDTO;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.Member;
import io.ifw.core.model.OperationMember;
import io.ifw.core.model.PropertyMember;
import io.ifw.core.shell.CommandFailures;
import io.ifw.core.shell.ShellCommand;
import io.ifw.core.shell.ShellJson;
import io.ifw.core.shell.ShellNames;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.util.promise.Promise;

/**
 * The {@code ifw:} Gogo shell commands. They return DTOs, which the shell prints as tables and
 * blocks ({@link ShellFormats}); with {@code --json} they return the same data as JSON text. A
 * feature is named by its id or its short name when that is unique ({@code ClimateControl}), a zone
 * after it ({@code ClimateControl@FrontLeft}). Values are written as text in the member's type
 * (numbers, {@code true}/{@code false}, enum constant names, comma-separated lists). Failures are
 * one line with the error code ({@link ShellNames}, {@link CommandFailures}), so {@code bin/ifw
 * --exec} exits 1.
 */
@Component(service = IfwCommands.class)
@ShellCommand(function = {"features", "feature", "backends", "get", "set", "call", "use", "watch", "complete"})
public final class IfwCommands {

    private static final long EXTRA_WAIT_MS = 1_000;
    private static final long WATCH_POLL_MS = 100;
    private static final String JSON = "--json";
    private static final String JSON_HELP = "print JSON instead of a table (one object per line for several)";
    private static final String OTHER_ARGUMENTS = "any other arguments: says what the command takes, with an example";
    private static final String FEATURE_HELP = "FEATURE[@ZONE]: a feature id or its short name, and a zone after '@' "
            + "(e.g. ClimateControl@FrontLeft); without a zone, the feature's zone-less view";

    @Reference
    private FeatureRegistry registry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile org.osgi.service.component.runtime.ServiceComponentRuntime components;

    @Descriptor("lists every feature with its backend, discovery result and connection. Example: ifw:features")
    public Object features(@Descriptor(JSON_HELP) @Parameter(names = JSON, presentValue = "true", absentValue = "false") String json) {
        List<FeatureDTO> result = new ArrayList<>();
        for (FeatureStatus status : registry.features()) {
            result.add(dto(status, runtime().model(status.featureId()), false));
        }
        return on(json) ? ShellJson.lines(result) : result;
    }

    @Descriptor(OTHER_ARGUMENTS)
    public Object features(Object... arguments) {
        throw CommandFailures.wrongArguments("ifw:features [--json]", "ifw:features", arguments);
    }

    @Descriptor("shows one feature: its status, backend, zones and members. Example: ifw:feature ClimateControl")
    public Object feature(@Descriptor(JSON_HELP) @Parameter(names = JSON, presentValue = "true", absentValue = "false") String json,
                          @Descriptor("FEATURE: a feature id or its short name, e.g. ClimateControl") String feature)
            throws InterruptedException {
        return CommandFailures.run(() -> {
            String featureId = featureId(feature);
            FeatureDTO dto = dto(registry.status(featureId), runtime().model(featureId), true);
            return on(json) ? ShellJson.of(dto) : dto;
        });
    }

    @Descriptor(OTHER_ARGUMENTS)
    public Object feature(Object... arguments) {
        throw CommandFailures.wrongArguments("ifw:feature [--json] FEATURE", "ifw:feature ClimateControl", arguments);
    }

    @Descriptor("lists the backends of every feature, best first, the bound one marked, failed ones with their problem. "
            + "Example: ifw:backends")
    public Object backends(@Descriptor(JSON_HELP) @Parameter(names = JSON, presentValue = "true", absentValue = "false") String json) {
        List<BackendDTO> result = new ArrayList<>();
        for (FeatureStatus status : registry.features()) {
            result.addAll(backendsOf(status.featureId()));
        }
        result.addAll(FailedBackends.of(components, null));
        return on(json) ? ShellJson.lines(result) : result;
    }

    @Descriptor("lists the backends of one feature, best first, the bound one marked. Example: ifw:backends ClimateControl")
    public Object backends(@Descriptor(JSON_HELP) @Parameter(names = JSON, presentValue = "true", absentValue = "false") String json,
                           @Descriptor("FEATURE: a feature id or its short name, e.g. ClimateControl") String feature)
            throws InterruptedException {
        return CommandFailures.run(() -> {
            List<BackendDTO> result = backendsOf(featureId(feature));
            return on(json) ? ShellJson.lines(result) : result;
        });
    }

    @Descriptor(OTHER_ARGUMENTS)
    public Object backends(Object... arguments) {
        throw CommandFailures.wrongArguments("ifw:backends [--json] [FEATURE]", "ifw:backends ClimateControl", arguments);
    }

    private List<BackendDTO> backendsOf(String featureId) {
        FeatureStatus status = registry.status(featureId);
        List<BackendDTO> result = new ArrayList<>();
        for (BackendInfo info : registry.backends(featureId)) {
            BackendDTO dto = new BackendDTO();
            dto.feature = featureId;
            dto.name = info.name();
            dto.kind = info.kind();
            dto.remote = info.remote();
            dto.ranking = info.ranking();
            dto.serviceId = info.serviceId();
            dto.bound = status.backend() != null && status.backend().serviceId() == info.serviceId();
            result.add(dto);
        }
        result.addAll(FailedBackends.of(components, featureId));
        return result;
    }

    @Descriptor("shows every property of a feature (in a zone) with its value, availability and constraint. "
            + "Example: ifw:get ClimateControl@FrontLeft")
    public Object get(@Descriptor(JSON_HELP) @Parameter(names = JSON, presentValue = "true", absentValue = "false") String json,
                      @Descriptor(FEATURE_HELP) String featureAndZone) throws InterruptedException {
        return CommandFailures.run(() -> {
            Target target = target(featureAndZone);
            List<PropertyValueDTO> values = new ArrayList<>();
            for (PropertyMember property : target.model().properties()) {
                values.add(value(target, property));
            }
            return on(json) ? ShellJson.lines(values) : values;
        });
    }

    @Descriptor("shows one property of a feature (in a zone): its value, availability and constraint. "
            + "Example: ifw:get ClimateControl@FrontLeft targetTemperature")
    public Object get(@Descriptor(JSON_HELP) @Parameter(names = JSON, presentValue = "true", absentValue = "false") String json,
                      @Descriptor(FEATURE_HELP) String featureAndZone,
                      @Descriptor("PROPERTY: the property's name, e.g. targetTemperature") String property) throws InterruptedException {
        return CommandFailures.run(() -> {
            Target target = target(featureAndZone);
            PropertyValueDTO value = value(target, ShellNames.property(target.model(), property));
            return on(json) ? ShellJson.of(value) : value;
        });
    }

    @Descriptor(OTHER_ARGUMENTS)
    public Object get(Object... arguments) {
        throw CommandFailures.wrongArguments("ifw:get [--json] FEATURE[@ZONE] [PROPERTY]", "ifw:get ClimateControl@FrontLeft targetTemperature",
                arguments);
    }

    @Descriptor("writes a property, waits for the backend's answer and shows the value then; a value outside the constraint "
            + "fails with OUT_OF_RANGE. Example: ifw:set ClimateControl@FrontLeft targetTemperature 22.5")
    public Object set(@Descriptor(JSON_HELP) @Parameter(names = JSON, presentValue = "true", absentValue = "false") String json,
                      @Descriptor(FEATURE_HELP) String featureAndZone,
                      @Descriptor("PROPERTY: the property's name, e.g. targetTemperature") String property,
                      @Descriptor("VALUE: the new value as text: a number, true or false, an enum constant's name, "
                              + "items separated by commas for a list or set") String value) throws InterruptedException {
        return CommandFailures.run(() -> {
            Target target = target(featureAndZone);
            PropertyMember member = ShellNames.property(target.model(), property);
            Object parsed = parse(member.type()::parse, value, property);
            await(runtime().set(target.featureId(), member, target.zone(), parsed), target.featureId());
            PropertyValueDTO shown = value(target, member);
            return on(json) ? ShellJson.of(shown) : shown;
        });
    }

    @Descriptor(OTHER_ARGUMENTS)
    public Object set(Object... arguments) {
        throw CommandFailures.wrongArguments("ifw:set [--json] FEATURE[@ZONE] PROPERTY VALUE",
                "ifw:set ClimateControl@FrontLeft targetTemperature 22.5", arguments);
    }

    @Descriptor("calls an operation, waits for its result and shows it. Example: ifw:call MediaPlayer next")
    public Object call(@Descriptor(JSON_HELP) @Parameter(names = JSON, presentValue = "true", absentValue = "false") String json,
                       @Descriptor(FEATURE_HELP) String featureAndZone,
                       @Descriptor("OPERATION: the operation's name, e.g. next") String operation,
                       @Descriptor("ARGUMENT...: the operation's arguments in order, as text in their types") String... arguments)
            throws InterruptedException {
        return CommandFailures.run(() -> {
            Object result = callOperation(featureAndZone, operation, arguments);
            return on(json) ? ShellJson.of(result) : result;
        });
    }

    @Descriptor(OTHER_ARGUMENTS)
    public Object call(Object... arguments) {
        throw CommandFailures.wrongArguments("ifw:call [--json] FEATURE[@ZONE] OPERATION [ARGUMENT...]", "ifw:call MediaPlayer next", arguments);
    }

    private Object callOperation(String featureAndZone, String operation, String... arguments) throws InterruptedException {
        Target target = target(featureAndZone);
        OperationMember member = ShellNames.operation(target.model(), operation);
        if (arguments.length != member.parameters().size()) {
            throw ShellNames.invalid(member.signature() + " takes " + member.parameters().size() + " argument(s), not " + arguments.length);
        }
        Object[] parsed = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            OperationMember.Parameter parameter = member.parameters().get(i);
            parsed[i] = parse(parameter.type()::parse, arguments[i], operation + "(" + parameter.name() + ")");
        }
        return await(runtime().invoke(target.featureId(), member, target.zone(), parsed), target.featureId());
    }

    @Descriptor("binds the named backend, whatever discovery would choose, and shows the feature. "
            + "Example: ifw:use ClimateControl simulator")
    public Object use(@Descriptor(JSON_HELP) @Parameter(names = JSON, presentValue = "true", absentValue = "false") String json,
                      @Descriptor("FEATURE: a feature id or its short name, e.g. ClimateControl") String feature,
                      @Descriptor("BACKEND: a backend's name as ifw:backends lists it, e.g. simulator") String backendName)
            throws InterruptedException {
        return CommandFailures.run(() -> {
            String featureId = featureId(feature);
            List<String> names = registry.backends(featureId).stream().map(BackendInfo::name).toList();
            if (!names.contains(backendName)) {
                String nearest = io.ifw.core.spi.NearestName.of(backendName, names);
                throw ShellNames.invalid("unknown backend '" + backendName + "' of " + featureId
                        + (nearest == null ? " (backends: " + (names.isEmpty() ? "none" : String.join(", ", names)) + ")"
                        : "; did you mean " + nearest + "?"));
            }
            registry.use(featureId, backendName);
            FeatureDTO dto = dto(registry.status(featureId), runtime().model(featureId), true);
            return on(json) ? ShellJson.of(dto) : dto;
        });
    }

    @Descriptor("returns a feature to discovery (the best backend is bound again). Example: ifw:use ClimateControl")
    public Object use(@Descriptor(JSON_HELP) @Parameter(names = JSON, presentValue = "true", absentValue = "false") String json,
                      @Descriptor("FEATURE: a feature id or its short name, e.g. ClimateControl") String feature)
            throws InterruptedException {
        return CommandFailures.run(() -> {
            String featureId = featureId(feature);
            registry.useDiscovery(featureId);
            FeatureDTO dto = dto(registry.status(featureId), runtime().model(featureId), true);
            return on(json) ? ShellJson.of(dto) : dto;
        });
    }

    @Descriptor(OTHER_ARGUMENTS)
    public Object use(Object... arguments) {
        throw CommandFailures.wrongArguments("ifw:use [--json] FEATURE [BACKEND]", "ifw:use ClimateControl simulator", arguments);
    }

    @Descriptor("prints the changes of a feature as they happen: values, availability, constraints and signals (and its status "
            + "when no member is named), until -n COUNT changes were printed, the feature goes away or the command is "
            + "interrupted (Ctrl-C). Example: ifw:watch ClimateControl@FrontLeft targetTemperature -n 5")
    public void watch(@Descriptor("COUNT: stop after this many changes (0, the default: until stopped)")
                      @Parameter(names = {"-n", "--count"}, absentValue = "0") String count,
                      @Descriptor("print one JSON object per change") @Parameter(names = JSON, presentValue = "true", absentValue = "false")
                      String json,
                      @Descriptor(FEATURE_HELP + "; without a zone, the changes of every zone") String featureAndZone,
                      @Descriptor("MEMBER...: properties or signals to watch; every one when none is named") String... members)
            throws InterruptedException {
        CommandFailures.run(() -> {
            watchChanges(count(count), on(json), featureAndZone, members);
            return null;
        });
    }

    @Descriptor(OTHER_ARGUMENTS)
    public void watch(Object... arguments) {
        throw CommandFailures.wrongArguments("ifw:watch [-n COUNT] [--json] FEATURE[@ZONE] [MEMBER...]",
                "ifw:watch ClimateControl@FrontLeft targetTemperature -n 5", arguments);
    }

    private void watchChanges(int count, boolean json, String featureAndZone, String... members) throws InterruptedException {
        if (count < 0) {
            throw ShellNames.invalid("-n COUNT must be 0 (until stopped) or more, not " + count);
        }
        Target target = target(featureAndZone);
        boolean zoneGiven = featureAndZone.indexOf('@') >= 0;
        Set<String> names = new LinkedHashSet<>();
        for (String member : members) {
            names.add(ShellNames.watchable(target.model(), member).name());
        }
        BlockingQueue<FeatureAccess.Change> changes = new LinkedBlockingQueue<>();
        PrintStream out = System.out; // the shell's output for this command (Gogo's ThreadIO)
        try (Registration ignored = runtime().watch(target.featureId(), change -> {
            if (wanted(change, zoneGiven, target.zone(), names)) {
                changes.add(change);
            }
        })) {
            if (!json) {
                out.println("watching " + target.featureId() + (zoneGiven ? "@" + target.zone() : "")
                        + (names.isEmpty() ? "" : " " + String.join(" ", names))
                        + (count > 0 ? " for " + count + (count == 1 ? " change" : " changes") : "")
                        + "; Ctrl-C stops");
                out.flush();
            }
            int printed = 0;
            while (count == 0 || printed < count) {
                FeatureAccess.Change change = changes.poll(WATCH_POLL_MS, TimeUnit.MILLISECONDS);
                if (change == null) {
                    if (!exists(target.featureId())) {
                        break;
                    }
                    continue;
                }
                ChangeDTO dto = ShellFormats.change(target.featureId(), change, Instant.now());
                out.println(json ? ShellJson.of(dto) : ShellFormats.changeLine(dto));
                out.flush();
                printed++;
            }
            if (!exists(target.featureId()) && !json) {
                out.println(target.featureId() + " went away");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt(); // Ctrl-C: the watch ends, quietly
        }
    }

    /** A flag's value: Gogo passes the flag's presentValue or absentValue as text (a String costs Gogo no conversion, so
     *  the method is chosen over the wrong-arguments fallback). */
    private static boolean on(String flag) {
        return "true".equals(flag);
    }

    private static int count(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ShellNames.invalid("-n COUNT must be a whole number, not '" + text + "'");
        }
    }

    private static boolean wanted(FeatureAccess.Change change, boolean zoneGiven, String zone, Set<String> names) {
        if (change.member() == null) {
            return names.isEmpty(); // STATUS and ZONES
        }
        if (!names.isEmpty() && !names.contains(change.member().name())) {
            return false;
        }
        return !zoneGiven || change.zone().equals(zone);
    }

    private boolean exists(String featureId) {
        return registry.features().stream().anyMatch(status -> status.featureId().equals(featureId));
    }

    @Descriptor("lists what may come next on an ifw: command line (feature names, FEATURE@zones, member names, backends, "
            + "enum values); the interactive shell asks it when TAB is pressed. Example: ifw:complete ifw:get ClimateControl targ")
    public List<String> complete(@Descriptor("COMMAND: the command being typed, e.g. ifw:get") String command,
                                 @Descriptor("WORDS: its arguments so far, the last being completed ('' for a new one)") String... words) {
        return new ShellCompletion(registry).complete(command, words.length == 0 ? List.of("") : List.of(words));
    }

    private FeatureAccess runtime() {
        return (FeatureAccess) registry;
    }

    private String featureId(String name) {
        return ShellNames.featureId(name, registry.features());
    }

    private record Target(String featureId, String zone, FeatureModel model) {
    }

    private Target target(String featureAndZone) {
        int at = featureAndZone.indexOf('@');
        String featureId = featureId(at < 0 ? featureAndZone : featureAndZone.substring(0, at));
        String zone = at < 0 ? "" : featureAndZone.substring(at + 1);
        if (at >= 0 && zone.isEmpty()) {
            throw ShellNames.invalid("no zone after '@' in '" + featureAndZone + "' (zones: " + String.join(", ", runtime().zones(featureId))
                    + ")");
        }
        return new Target(featureId, ShellNames.zone(zone, featureId, runtime().zones(featureId)), runtime().model(featureId));
    }

    private PropertyValueDTO value(Target target, PropertyMember member) {
        PropertyValueDTO dto = new PropertyValueDTO();
        dto.feature = target.featureId();
        dto.property = member.name();
        dto.zone = target.zone();
        dto.value = runtime().value(target.featureId(), member, target.zone());
        dto.availability = runtime().availability(target.featureId(), member, target.zone()).toString();
        dto.constraint = runtime().attribute(target.featureId(), member, target.zone()).constraintText();
        return dto;
    }

    /** Parses a value typed in the shell; a bad one is IFW's INVALID_ARGUMENT naming the member and the text, not a Java exception. */
    static Object parse(java.util.function.Function<String, Object> parser, String text, String what) {
        try {
            return parser.apply(text);
        } catch (NumberFormatException e) {
            throw new FeatureException(ErrorCode.INVALID_ARGUMENT, ErrorCode.INVALID_ARGUMENT + ": " + what + ": '" + text
                    + "' is not a number", e);
        } catch (IllegalArgumentException e) {
            throw new FeatureException(ErrorCode.INVALID_ARGUMENT, ErrorCode.INVALID_ARGUMENT + ": " + what + ": " + e.getMessage(), e);
        }
    }

    private <T> T await(Promise<T> promise, String featureId) throws InterruptedException {
        long waitMs = runtime().callTimeoutMs(featureId) + EXTRA_WAIT_MS;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        while (!promise.isDone()) {
            if (System.nanoTime() > deadline) {
                throw new FeatureException(ErrorCode.TIMEOUT, "no answer within " + waitMs + " ms");
            }
            Thread.sleep(1);
        }
        Throwable failure = promise.getFailure();
        if (failure instanceof FeatureException fe) {
            throw new FeatureException(fe.code(), fe.code() + ": " + fe.getMessage(), fe);
        }
        if (failure != null) {
            throw new FeatureException(ErrorCode.UNKNOWN, failure.toString(), failure);
        }
        try {
            return promise.getValue();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }

    private FeatureDTO dto(FeatureStatus status, FeatureModel model, boolean withMembers) {
        List<String> zones = withMembers ? runtime().zones(status.featureId()) : List.of();
        FeatureDTO dto = new FeatureDTO();
        dto.id = status.featureId();
        dto.valid = status.valid();
        dto.initialized = status.initialized();
        dto.backend = status.backend() == null ? null : status.backend().name();
        dto.backendKind = status.backend() == null ? null : status.backend().kind();
        dto.remote = status.backend() != null && status.backend().remote();
        dto.discoveryMode = status.discoveryMode().name();
        dto.discoveryResult = status.discoveryResult().name();
        dto.connection = status.connection().state().name()
                + (status.connection().detail().isEmpty() ? "" : " (" + status.connection().detail() + ")");
        dto.error = status.error() == null ? null : status.error().toString();
        dto.swaps = status.swaps();
        dto.lastChange = status.lastChange();
        dto.fingerprint = model.fingerprint();
        if (withMembers) {
            dto.members = model.members().stream().map(Member::signature).toArray(String[]::new);
            dto.zones = zones.toArray(String[]::new);
        }
        return dto;
    }
}
