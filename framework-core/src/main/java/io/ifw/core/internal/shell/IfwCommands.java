package io.ifw.core.internal.shell;

import io.ifw.core.BackendInfo;
import io.ifw.core.ErrorCode;
import io.ifw.core.access.FeatureAccess;
import io.ifw.core.FeatureException;
import io.ifw.core.FeatureRegistry;
import io.ifw.core.FeatureStatus;
import io.ifw.core.dto.BackendDTO;
import io.ifw.core.dto.FeatureDTO;
import io.ifw.core.dto.PropertyValueDTO;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.Member;
import io.ifw.core.model.OperationMember;
import io.ifw.core.model.PropertyMember;
import io.ifw.core.shell.CommandFailures;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.util.promise.Promise;

/**
 * The {@code ifw:} Gogo shell commands. They return DTOs, which the shell prints. A zone is given
 * with the feature id: {@code io.ifw.vehicle.ClimateControl@FrontLeft}. Values are written as text
 * in the member's type (numbers, {@code true}/{@code false}, enum constant names, comma-separated
 * lists). Failures are thrown with the code and the message, so {@code bin/ifw --exec} exits 1.
 */
@Component(service = IfwCommands.class, property = {
        "osgi.command.scope=ifw",
        "osgi.command.function=features",
        "osgi.command.function=feature",
        "osgi.command.function=backends",
        "osgi.command.function=get",
        "osgi.command.function=set",
        "osgi.command.function=call",
        "osgi.command.function=use"})
public final class IfwCommands {

    private static final long EXTRA_WAIT_MS = 1_000;

    @Reference
    private FeatureRegistry registry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ServiceComponentRuntime components;

    /** {@code ifw:features}: every feature and its status. */
    public List<FeatureDTO> features() {
        List<FeatureDTO> result = new ArrayList<>();
        for (FeatureStatus status : registry.features()) {
            result.add(dto(status, runtime().model(status.featureId()), false));
        }
        return result;
    }

    /** {@code ifw:features} given arguments: INVALID_ARGUMENT naming the usage. */
    public List<FeatureDTO> features(Object... arguments) {
        throw CommandFailures.wrongArguments("ifw:features", "", arguments);
    }

    /** {@code ifw:feature ID}: one feature with its members and zones. */
    public FeatureDTO feature(String featureId) throws InterruptedException {
        return CommandFailures.run(() -> dto(registry.status(featureId), runtime().model(featureId), true));
    }

    /** {@code ifw:feature} with a wrong number of arguments. */
    public FeatureDTO feature(Object... arguments) {
        throw CommandFailures.wrongArguments("ifw:feature FEATURE", "ifw:feature io.ifw.vehicle.ClimateControl", arguments);
    }

    /** {@code ifw:backends}: the backends of every feature, best first. */
    public List<BackendDTO> backends() {
        List<BackendDTO> result = new ArrayList<>();
        for (FeatureStatus status : registry.features()) {
            result.addAll(backendsOf(status.featureId()));
        }
        result.addAll(FailedBackends.of(components, null));
        return result;
    }

    /** {@code ifw:backends ID}: the backends of one feature, best first. */
    public List<BackendDTO> backends(String featureId) throws InterruptedException {
        return CommandFailures.run(() -> backendsOf(featureId));
    }

    /** {@code ifw:backends} with a wrong number of arguments. */
    public List<BackendDTO> backends(Object... arguments) {
        throw CommandFailures.wrongArguments("ifw:backends [FEATURE]", "ifw:backends io.ifw.vehicle.ClimateControl", arguments);
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

    /** {@code ifw:get ID[@ZONE] PROPERTY}: a property's value. */
    public PropertyValueDTO get(String featureAndZone, String property) throws InterruptedException {
        return CommandFailures.run(() -> {
            Target target = target(featureAndZone);
            return value(target, target.model().property(property));
        });
    }

    /** {@code ifw:get} with a wrong number of arguments. */
    public PropertyValueDTO get(Object... arguments) {
        throw CommandFailures.wrongArguments("ifw:get FEATURE[@ZONE] PROPERTY", "ifw:get io.ifw.vehicle.ClimateControl@FrontLeft targetTemperature",
                arguments);
    }

    /** {@code ifw:set ID[@ZONE] PROPERTY VALUE}: writes a property and waits for the backend's answer. */
    public PropertyValueDTO set(String featureAndZone, String property, String value) throws InterruptedException {
        return CommandFailures.run(() -> {
            Target target = target(featureAndZone);
            PropertyMember member = target.model().property(property);
            Object parsed = parse(member.type()::parse, value, property);
            await(runtime().set(target.featureId(), member, target.zone(), parsed), target.featureId());
            return value(target, member);
        });
    }

    /** {@code ifw:set} with a wrong number of arguments. */
    public PropertyValueDTO set(Object... arguments) {
        throw CommandFailures.wrongArguments("ifw:set FEATURE[@ZONE] PROPERTY VALUE",
                "ifw:set io.ifw.vehicle.ClimateControl@FrontLeft targetTemperature 22.5", arguments);
    }

    /** {@code ifw:call ID[@ZONE] OPERATION [ARGUMENTS...]}: calls an operation and waits for its result. */
    public Object call(String featureAndZone, String operation, String... arguments) throws InterruptedException {
        return CommandFailures.run(() -> callOperation(featureAndZone, operation, arguments));
    }

    /** {@code ifw:call} without an operation. */
    public Object call(Object... arguments) {
        throw CommandFailures.wrongArguments("ifw:call FEATURE[@ZONE] OPERATION [ARGUMENT...]", "ifw:call io.ifw.media.MediaPlayer next", arguments);
    }

    private Object callOperation(String featureAndZone, String operation, String... arguments) throws InterruptedException {
        Target target = target(featureAndZone);
        OperationMember member = target.model().operation(operation);
        if (arguments.length != member.parameters().size()) {
            throw new FeatureException(ErrorCode.INVALID_ARGUMENT, member.signature() + " takes " + member.parameters().size()
                    + " argument(s), not " + arguments.length);
        }
        Object[] parsed = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            OperationMember.Parameter parameter = member.parameters().get(i);
            parsed[i] = parse(parameter.type()::parse, arguments[i], operation + "(" + parameter.name() + ")");
        }
        return await(runtime().invoke(target.featureId(), member, target.zone(), parsed), target.featureId());
    }

    /** {@code ifw:use ID BACKEND}: binds the named backend, whatever discovery would choose. */
    public FeatureDTO use(String featureId, String backendName) throws InterruptedException {
        return CommandFailures.run(() -> {
            registry.use(featureId, backendName);
            return feature(featureId);
        });
    }

    /** {@code ifw:use ID}: returns the feature to discovery. */
    public FeatureDTO use(String featureId) throws InterruptedException {
        return CommandFailures.run(() -> {
            registry.useDiscovery(featureId);
            return feature(featureId);
        });
    }

    /** {@code ifw:use} with a wrong number of arguments. */
    public FeatureDTO use(Object... arguments) {
        throw CommandFailures.wrongArguments("ifw:use FEATURE [BACKEND]", "ifw:use io.ifw.vehicle.ClimateControl simulator", arguments);
    }

    private FeatureAccess runtime() {
        return (FeatureAccess) registry;
    }

    private record Target(String featureId, String zone, FeatureModel model) {
    }

    private Target target(String featureAndZone) {
        int at = featureAndZone.indexOf('@');
        String featureId = at < 0 ? featureAndZone : featureAndZone.substring(0, at);
        String zone = at < 0 ? "" : featureAndZone.substring(at + 1);
        return new Target(featureId, zone, runtime().model(featureId));
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
