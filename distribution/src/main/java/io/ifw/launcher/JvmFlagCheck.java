package io.ifw.launcher;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks that the flags of {@code conf/jvm.options} are in force in this JVM, by asking the
 * module system rather than reading the command line: a missing {@code --add-opens} would
 * otherwise surface much later as an obscure failure deep inside Chronicle or Agrona.
 */
final class JvmFlagCheck {

    private JvmFlagCheck() {
    }

    /** The flags of {@code options} that this JVM was not started with, in the form they are written. */
    static List<String> missingFlags(List<String> options) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            if ((option.equals("--add-exports") || option.equals("--add-opens")) && i + 1 < options.size()) {
                String target = options.get(++i);
                if (!inForce(option, target)) {
                    missing.add(option + " " + target);
                }
            } else if (option.startsWith("-D")) {
                int equals = option.indexOf('=');
                String key = option.substring(2, equals < 0 ? option.length() : equals);
                String value = equals < 0 ? "" : option.substring(equals + 1);
                if (!value.equals(System.getProperty(key))) {
                    missing.add(option);
                }
            }
        }
        return missing;
    }

    /** {@code target} is {@code module/package=ALL-UNNAMED}. */
    private static boolean inForce(String option, String target) {
        int slash = target.indexOf('/');
        int equals = target.indexOf('=');
        if (slash < 0 || equals < slash) {
            throw new IllegalArgumentException("malformed " + option + " value '" + target + "' in conf/jvm.options");
        }
        String moduleName = target.substring(0, slash);
        String packageName = target.substring(slash + 1, equals);
        Module module = ModuleLayer.boot().findModule(moduleName).orElse(null);
        if (module == null) {
            return false;
        }
        Module unnamed = JvmFlagCheck.class.getModule();
        return option.equals("--add-opens") ? module.isOpen(packageName, unnamed) : module.isExported(packageName, unnamed);
    }
}
