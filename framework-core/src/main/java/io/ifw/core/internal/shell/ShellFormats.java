package io.ifw.core.internal.shell;

import io.ifw.core.Attribute;
import io.ifw.core.FeatureStatus;
import io.ifw.core.access.FeatureAccess;
import io.ifw.core.dto.BackendDTO;
import io.ifw.core.dto.ChangeDTO;
import io.ifw.core.dto.FeatureDTO;
import io.ifw.core.dto.PropertyValueDTO;
import io.ifw.core.shell.TextTable;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.felix.service.command.Converter;
import org.osgi.service.component.annotations.Component;

/**
 * How the shell prints what the {@code ifw:} commands return: a list of features, backends or
 * property values as an aligned table, one feature or one value as a block. Gogo asks every
 * {@link Converter} to format a command's result before its own {@code toString()}-based printing;
 * this one answers for IFW's DTOs at the top level ({@link Converter#INSPECT}) and leaves every
 * other object, and nested levels, to the shell.
 */
@Component(service = Converter.class, property = {Converter.CONVERTER_CLASSES + "=io.ifw.core.dto.FeatureDTO",
        Converter.CONVERTER_CLASSES + "=io.ifw.core.dto.BackendDTO", Converter.CONVERTER_CLASSES + "=io.ifw.core.dto.PropertyValueDTO"})
public final class ShellFormats implements Converter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    @Override
    public Object convert(Class<?> desiredType, Object in) {
        return null; // formats only; converts nothing
    }

    @Override
    public CharSequence format(Object target, int level, Converter escape) {
        if (level != INSPECT) {
            return null;
        }
        if (target instanceof FeatureDTO feature) {
            return feature(feature);
        }
        if (target instanceof PropertyValueDTO value) {
            return values(List.of(value));
        }
        if (target instanceof BackendDTO backend) {
            return backends(List.of(backend));
        }
        if (target instanceof Collection<?> collection && !collection.isEmpty()) {
            if (all(collection, FeatureDTO.class)) {
                return features(cast(collection));
            }
            if (all(collection, BackendDTO.class)) {
                return backends(cast(collection));
            }
            if (all(collection, PropertyValueDTO.class)) {
                return values(cast(collection));
            }
        }
        return null;
    }

    private static boolean all(Collection<?> collection, Class<?> type) {
        return collection.stream().allMatch(type::isInstance);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> cast(Collection<?> collection) {
        return new ArrayList<>((Collection<T>) collection);
    }

    /** The {@code ifw:features} table. */
    static String features(List<FeatureDTO> features) {
        boolean errors = features.stream().anyMatch(f -> f.error != null);
        TextTable table = errors ? TextTable.of("FEATURE", "STATE", "BACKEND", "DISCOVERY", "CONNECTION", "SWAPS", "ERROR")
                : TextTable.of("FEATURE", "STATE", "BACKEND", "DISCOVERY", "CONNECTION", "SWAPS");
        for (FeatureDTO f : features) {
            Object[] cells = {f.id, state(f), backend(f), f.discoveryResult, f.connection, f.swaps, f.error};
            table.row(errors ? cells : java.util.Arrays.copyOf(cells, 6));
        }
        return table.toString();
    }

    /** The {@code ifw:feature} block. */
    static String feature(FeatureDTO f) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"feature", f.id});
        lines.add(new String[] {"state", state(f)});
        lines.add(new String[] {"backend", backend(f)});
        lines.add(new String[] {"discovery", f.discoveryMode + ", " + f.discoveryResult});
        lines.add(new String[] {"connection", f.connection});
        lines.add(new String[] {"swaps", String.valueOf(f.swaps)});
        lines.add(new String[] {"last change", f.lastChange});
        lines.add(new String[] {"error", f.error});
        lines.add(new String[] {"fingerprint", f.fingerprint});
        if (f.zones != null) {
            lines.add(new String[] {"zones", String.join(", ", f.zones)});
        }
        StringBuilder text = new StringBuilder(TextTable.block(lines));
        if (f.members != null) {
            text.append("\nmembers");
            for (String member : f.members) {
                text.append("\n  ").append(member);
            }
        }
        return text.toString();
    }

    /** The {@code ifw:backends} table. */
    static String backends(List<BackendDTO> backends) {
        TextTable table = TextTable.of("FEATURE", "BACKEND", "KIND", "WHERE", "RANKING", "BOUND", "STATUS", "PROBLEM");
        for (BackendDTO b : backends) {
            boolean failed = !"AVAILABLE".equals(b.status);
            table.row(b.feature, b.name, b.kind, failed ? null : b.remote ? "remote" : "local", failed ? null : b.ranking, b.bound ? "yes" : "no",
                    b.status, b.problem.isEmpty() ? "" : b.problem + (b.configuration.isEmpty() ? "" : " (" + b.configuration + ")"));
        }
        return table.toString();
    }

    /** The {@code ifw:get} and {@code ifw:set} table. */
    static String values(List<PropertyValueDTO> values) {
        boolean zones = values.stream().anyMatch(v -> !v.zone.isEmpty());
        TextTable table = zones ? TextTable.of("PROPERTY", "ZONE", "VALUE", "AVAILABILITY", "CONSTRAINT")
                : TextTable.of("PROPERTY", "VALUE", "AVAILABILITY", "CONSTRAINT");
        for (PropertyValueDTO v : values) {
            if (zones) {
                table.row(v.property, v.zone, value(v.value), v.availability, v.constraint);
            } else {
                table.row(v.property, value(v.value), v.availability, v.constraint);
            }
        }
        return table.toString();
    }

    /** A value as the shell shows it: {@code -} for none, {@code ""} for the empty text, else its text. */
    static String value(Object value) {
        if (value == null) {
            return "-";
        }
        String text = value instanceof Enum<?> constant ? constant.name() : String.valueOf(value);
        return text.isEmpty() ? "\"\"" : text;
    }

    private static String state(FeatureDTO f) {
        return !f.valid ? "no backend" : f.initialized ? "ready" : "initializing";
    }

    private static String backend(FeatureDTO f) {
        return f.backend == null ? null : f.backend + " (" + f.backendKind + (f.remote ? ", remote" : "") + ")";
    }

    /** A change a front end told the shell's watcher of, as data. */
    static ChangeDTO change(String featureId, FeatureAccess.Change change, Instant time) {
        ChangeDTO dto = new ChangeDTO();
        dto.time = time.toString();
        dto.feature = featureId;
        dto.zone = change.zone() == null ? "" : change.zone();
        dto.kind = change.kind().name();
        dto.member = change.member() == null ? null : change.member().name();
        dto.value = switch (change.kind()) {
            case ATTRIBUTE -> change.value() instanceof Attribute<?> attribute ? attribute.constraintText() : String.valueOf(change.value());
            case AVAILABILITY -> String.valueOf(change.value());
            case STATUS -> change.value() instanceof FeatureStatus status ? status(status) : String.valueOf(change.value());
            case ZONES -> change.value() instanceof Collection<?> zones ? String.join(", ", zones.stream().map(String::valueOf).toList())
                    : String.valueOf(change.value());
            default -> change.value();
        };
        return dto;
    }

    /** One line of {@code ifw:watch}: {@code 12:00:01.250  targetTemperature@FrontLeft = 22.5}. */
    static String changeLine(ChangeDTO change) {
        String time = TIME.format(Instant.parse(change.time));
        String where = (change.member == null ? "" : change.member) + (change.zone.isEmpty() ? "" : "@" + change.zone);
        return time + "  " + switch (change.kind) {
            case "VALUE" -> where + " = " + value(change.value);
            case "AVAILABILITY" -> where + " availability " + change.value;
            case "ATTRIBUTE" -> where + " constraint " + (String.valueOf(change.value).isEmpty() ? "none" : change.value);
            case "SIGNAL" -> "signal " + where + (change.value == null ? "" : " " + value(change.value));
            case "ZONES" -> "zones " + change.value;
            default -> "status " + change.value;
        };
    }

    private static String status(FeatureStatus status) {
        return (status.backend() == null ? "no backend" : "backend " + status.backend().name() + " (" + status.backend().kind() + ")")
                + ", " + status.discoveryResult() + ", " + status.connection().state()
                + (status.error() == null ? "" : ", error " + status.error());
    }
}
