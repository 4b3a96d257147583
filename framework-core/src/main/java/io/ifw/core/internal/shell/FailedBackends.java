package io.ifw.core.internal.shell;

import io.ifw.core.dto.BackendDTO;
import io.ifw.core.spi.Backend;
import io.ifw.core.spi.BackendProperties;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The backend components that could not start because their configuration has a bad value, read
 * from Declarative Services, so that {@code ifw:backends} lists them as FAILED with the reason
 * instead of leaving them out.
 */
final class FailedBackends {

    private static final String INVALID_CONFIGURATION = "InvalidConfigurationException: ";
    /** "FILE: KEY = 'VALUE': expected ..." as InvalidConfigurationException words it. */
    private static final Pattern SOURCE_AND_PROBLEM = Pattern.compile("(.*?\\.(?:cfg|config|json)|configuration [^:]*): (.*)");

    private FailedBackends() {
    }

    /** The failed backends of {@code featureId}, or of every feature when it is {@code null}. */
    static List<BackendDTO> of(ServiceComponentRuntime runtime, String featureId) {
        if (runtime == null) {
            return List.of();
        }
        List<BackendDTO> failed = new ArrayList<>();
        for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs()) {
            if (description.serviceInterfaces == null || !Arrays.asList(description.serviceInterfaces).contains(Backend.class.getName())) {
                continue;
            }
            Object feature = description.properties.get(BackendProperties.FEATURE);
            if (featureId != null && !featureId.equals(feature)) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : runtime.getComponentConfigurationDTOs(description)) {
                String reason = reason(configuration);
                if (reason == null) {
                    continue;
                }
                BackendDTO dto = new BackendDTO();
                dto.feature = String.valueOf(feature);
                Object name = description.properties.get(BackendProperties.BACKEND_NAME);
                dto.name = name == null ? description.name : name.toString();
                Object kind = description.properties.get(BackendProperties.BACKEND_KIND);
                dto.kind = kind == null ? "" : kind.toString();
                dto.status = "FAILED";
                Matcher parts = SOURCE_AND_PROBLEM.matcher(reason);
                if (parts.matches()) {
                    dto.configuration = parts.group(1);
                    dto.problem = parts.group(2);
                } else {
                    dto.problem = reason;
                }
                failed.add(dto);
            }
        }
        return failed;
    }

    private static String reason(ComponentConfigurationDTO configuration) {
        if (configuration.state != ComponentConfigurationDTO.FAILED_ACTIVATION || configuration.failure == null) {
            return null;
        }
        String failure = configuration.failure;
        int at = failure.indexOf(INVALID_CONFIGURATION);
        String text = at < 0 ? failure : failure.substring(at + INVALID_CONFIGURATION.length());
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }
}
