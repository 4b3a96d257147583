package io.ifw.qface;

import io.ifw.qface.QFaceAst.Decoration;
import io.ifw.qface.QFaceAst.Document;
import io.ifw.qface.QFaceAst.EnumDef;
import io.ifw.qface.QFaceAst.EnumMember;
import io.ifw.qface.QFaceAst.InterfaceDef;
import io.ifw.qface.QFaceAst.Member;
import io.ifw.qface.QFaceAst.StructDef;
import io.ifw.qface.QFaceAst.TypeRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns QFace documents and their annotation files into IFW feature interfaces: a package per
 * module, a {@code @Feature} interface per QFace interface, records for structs, enums for enums
 * and flags, and a simulation data file in Qt's JSON format per interface. Every problem of every
 * file is collected first; when there is one, nothing is generated.
 */
public final class QFaceImporter {

    /** How to import. */
    public static final class Options {
        private final Map<String, String> packages = new LinkedHashMap<>();
        private final List<Path> annotationFiles = new ArrayList<>();
        private boolean skipUnsupported;

        /** Puts the types of QFace module {@code module} in Java package {@code javaPackage} (else the module name in lower case). */
        public Options packageFor(String module, String javaPackage) {
            packages.put(module, javaPackage);
            return this;
        }

        /** Reads this annotation file too (besides each {@code X.qface}'s own {@code X.yaml}), after them. */
        public Options annotations(Path file) {
            annotationFiles.add(file);
            return this;
        }

        /**
         * Leaves out members and fields IFW cannot express ({@code var}, {@code map<T>}, an interface
         * as a value), each with a warning naming it, instead of failing.
         */
        public Options skipUnsupported(boolean skip) {
            this.skipUnsupported = skip;
            return this;
        }
    }

    /** A generated file: its path relative to the source or resource folder, and its text. */
    public record GeneratedFile(String path, String content, boolean resource) {
    }

    /** What an import made, and what it left out with a warning. */
    public record Result(List<GeneratedFile> files, List<QFaceProblem> warnings, List<String> featureInterfaces) {

        /** Writes the sources under {@code sources} and the simulation data under {@code resources}. */
        public void write(Path sources, Path resources) throws IOException {
            for (GeneratedFile file : files) {
                Path target = (file.resource() ? resources : sources).resolve(file.path());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.content(), StandardCharsets.UTF_8);
            }
        }

        public List<String> paths() {
            return files.stream().map(GeneratedFile::path).toList();
        }
    }

    private final Options options;
    private final List<QFaceProblem> problems = new ArrayList<>();
    private final List<QFaceProblem> warnings = new ArrayList<>();
    private final Map<String, ModuleScope> modules = new LinkedHashMap<>();

    private QFaceImporter(Options options) {
        this.options = options;
    }

    /** Imports {@code files} (QFace documents; each {@code X.qface}'s {@code X.yaml} beside it is read too). */
    public static Result importFiles(List<Path> files, Options options) throws QFaceException, IOException {
        return new QFaceImporter(options).run(files);
    }

    /** Imports documents given as text (for tests and tools): file name → content. */
    public static Result importTexts(Map<String, String> qface, Map<String, String> annotations, Options options) throws QFaceException {
        QFaceImporter importer = new QFaceImporter(options);
        List<Document> documents = new ArrayList<>();
        for (Map.Entry<String, String> entry : qface.entrySet()) {
            importer.parse(Path.of(entry.getKey()), entry.getValue(), documents);
        }
        List<Tags.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, String> entry : annotations.entrySet()) {
            importer.readAnnotations(Path.of(entry.getKey()), entry.getValue(), entries);
        }
        return importer.generate(documents, entries);
    }

    private Result run(List<Path> files) throws QFaceException, IOException {
        List<Document> documents = new ArrayList<>();
        List<Tags.Entry> entries = new ArrayList<>();
        if (files.isEmpty()) {
            throw new QFaceException(List.of(new QFaceProblem(new Position("(arguments)", 1, 1), "no .qface file given")));
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                problems.add(new QFaceProblem(new Position(file.toString(), 1, 1), "no such file"));
                continue;
            }
            parse(file, Files.readString(file, StandardCharsets.UTF_8), documents);
            String name = file.getFileName().toString();
            Path yaml = file.resolveSibling(name.substring(0, name.length() - (name.endsWith(".qface") ? 6 : 0)) + ".yaml");
            if (name.endsWith(".qface") && Files.isRegularFile(yaml)) {
                readAnnotations(yaml, Files.readString(yaml, StandardCharsets.UTF_8), entries);
            }
        }
        for (Path file : options.annotationFiles) {
            if (!Files.isRegularFile(file)) {
                problems.add(new QFaceProblem(new Position(file.toString(), 1, 1), "no such annotation file"));
                continue;
            }
            readAnnotations(file, Files.readString(file, StandardCharsets.UTF_8), entries);
        }
        return generate(documents, entries);
    }

    private void parse(Path file, String text, List<Document> documents) {
        try {
            documents.add(QFaceParser.parse(file, text));
        } catch (QFaceException e) {
            problems.addAll(e.problems());
        }
    }

    private void readAnnotations(Path file, String text, List<Tags.Entry> entries) {
        try {
            entries.addAll(Tags.readAnnotationFile(file, text));
        } catch (QFaceException e) {
            problems.addAll(e.problems());
        }
    }

    private Result generate(List<Document> documents, List<Tags.Entry> entries) throws QFaceException {
        for (Document document : documents) {
            String name = document.module().name();
            ModuleScope scope = modules.computeIfAbsent(name, n -> new ModuleScope(n, javaPackage(document)));
            scope.add(document, problems);
        }
        Map<String, Tags.Entry> seen = new java.util.HashMap<>();
        for (Tags.Entry entry : entries) {
            Tags.Entry earlier = seen.put(entry.position().file() + "\u0000" + entry.element(), entry);
            if (earlier != null) {
                warning(entry.position(), entry.element() + " is written twice in this file (also at line " + earlier.position().line()
                        + "); as in Qt's generator, this later entry replaces it");
                continue;
            }
            applyAnnotation(entry);
        }
        for (Document document : documents) {
            for (var imported : document.imports()) {
                if (!modules.containsKey(imported.module())) {
                    problems.add(new QFaceProblem(imported.position(), "imports module " + imported.module() + " " + imported.version()
                            + ", which none of the files given defines (modules given: " + String.join(", ", modules.keySet()) + ")"));
                }
            }
        }
        List<GeneratedFile> files = new ArrayList<>();
        if (problems.isEmpty()) {
            for (ModuleScope scope : modules.values()) {
                files.addAll(new ModuleGenerator(scope, this).generate());
            }
        }
        if (!problems.isEmpty()) {
            throw new QFaceException(problems);
        }
        List<String> features = new ArrayList<>();
        for (ModuleScope scope : modules.values()) {
            scope.types.values().stream().filter(InterfaceDef.class::isInstance)
                    .forEach(i -> features.add(scope.javaPackage + "." + ((InterfaceDef) i).name()));
        }
        return new Result(files, List.copyOf(warnings), features);
    }

    private String javaPackage(Document document) {
        String module = document.module().name();
        String mapped = options.packages.get(module);
        String name = mapped != null ? mapped : JavaNames.packageFor(module);
        if (!JavaNames.isValidPackage(name)) {
            problems.add(new QFaceProblem(document.module().position(), "module " + module + " gives the Java package '" + name
                    + "', which is not a valid package name; map it to one with a package option (" + module + "=a.valid.name)"));
        }
        return name;
    }

    /** Finds the element an annotation file entry names and merges its tags into the element's. */
    private void applyAnnotation(Tags.Entry entry) {
        String name = entry.element();
        String memberName = null;
        int hash = name.indexOf('#');
        if (hash >= 0) {
            memberName = name.substring(hash + 1);
            name = name.substring(0, hash);
        }
        ModuleScope module = modules.get(name);
        if (module != null && memberName == null) {
            module.documents.forEach(d -> Tags.merge(d.module().decoration().tags(), entry.tags()));
            return;
        }
        int dot = name.lastIndexOf('.');
        module = dot < 0 ? null : modules.get(name.substring(0, dot));
        if (module == null) {
            problems.add(new QFaceProblem(entry.position(), "the annotation names '" + entry.element() + "', but no module of that name was given"
                    + " (modules: " + String.join(", ", modules.keySet()) + "; an entry is Module, Module.Type or Module.Interface#member)"));
            return;
        }
        String typeName = name.substring(dot + 1);
        Object type = module.types.get(typeName);
        if (type == null) {
            String near = io.ifw.core.spi.NearestName.of(typeName, module.types.keySet());
            problems.add(new QFaceProblem(entry.position(), "the annotation names type '" + typeName + "', which module " + module.name
                    + " does not have" + (near == null ? "" : "; did you mean " + near + "?")));
            return;
        }
        Decoration target = null;
        Set<String> names = new TreeSet<>();
        if (memberName == null) {
            target = decoration(type);
        } else if (type instanceof InterfaceDef i) {
            for (Member m : i.members()) {
                names.add(m.name());
                if (m.name().equals(memberName)) {
                    target = m.decoration();
                }
            }
        } else if (type instanceof StructDef s) {
            for (Member m : s.fields()) {
                names.add(m.name());
                if (m.name().equals(memberName)) {
                    target = m.decoration();
                }
            }
        } else if (type instanceof EnumDef e) {
            for (EnumMember m : e.members()) {
                names.add(m.name());
                if (m.name().equals(memberName)) {
                    target = m.decoration();
                }
            }
        }
        if (target == null) {
            String near = io.ifw.core.spi.NearestName.of(memberName, names);
            problems.add(new QFaceProblem(entry.position(), "the annotation names member '" + memberName + "' of " + typeName + ", which it does not have"
                    + (near == null ? "" : "; did you mean " + near + "?")));
            return;
        }
        Tags.merge(target.tags(), entry.tags());
    }

    private static Decoration decoration(Object type) {
        if (type instanceof InterfaceDef i) {
            return i.decoration();
        }
        if (type instanceof StructDef s) {
            return s.decoration();
        }
        return ((EnumDef) type).decoration();
    }

    void problem(Position where, String message) {
        problems.add(new QFaceProblem(where, message));
    }

    void warning(Position where, String message) {
        warnings.add(new QFaceProblem(where, message));
    }

    boolean skipUnsupported() {
        return options.skipUnsupported;
    }

    ModuleScope module(String name) {
        return modules.get(name);
    }

    /** The types of one module (over all its files), by simple name. */
    static final class ModuleScope {
        final String name;
        final String javaPackage;
        final List<Document> documents = new ArrayList<>();
        final Map<String, Object> types = new LinkedHashMap<>();
        final Set<String> imports = new LinkedHashSet<>();

        ModuleScope(String name, String javaPackage) {
            this.name = name;
            this.javaPackage = javaPackage;
        }

        void add(Document document, List<QFaceProblem> problems) {
            if (!documents.isEmpty() && !documents.get(0).module().version().equals(document.module().version())) {
                problems.add(new QFaceProblem(document.module().position(), "module " + name + " has version " + document.module().version()
                        + " here but " + documents.get(0).module().version() + " in " + documents.get(0).module().position().file()));
            }
            documents.add(document);
            document.imports().forEach(i -> imports.add(i.module()));
            List<Object> all = new ArrayList<>();
            all.addAll(document.interfaces());
            all.addAll(document.structs());
            all.addAll(document.enums());
            for (Object type : all) {
                String typeName = nameOf(type);
                Object existing = types.putIfAbsent(typeName, type);
                if (existing != null) {
                    problems.add(new QFaceProblem(positionOf(type), "module " + name + " defines '" + typeName + "' twice (first at "
                            + positionOf(existing) + ")"));
                }
            }
        }

        String version() {
            return documents.get(0).module().version();
        }

        static String nameOf(Object type) {
            if (type instanceof InterfaceDef i) {
                return i.name();
            }
            if (type instanceof StructDef s) {
                return s.name();
            }
            return ((EnumDef) type).name();
        }

        static Position positionOf(Object type) {
            if (type instanceof InterfaceDef i) {
                return i.position();
            }
            if (type instanceof StructDef s) {
                return s.position();
            }
            return ((EnumDef) type).position();
        }
    }

    /** Used by the generator to parse {@code @ifw: {type: ...}}. */
    TypeRef ifwType(Object value, Position where) {
        if (!(value instanceof String text)) {
            problem(where, "@ifw type must be a type written as text (e.g. \"long\" or \"set<Mode>\"), not '" + value + "'");
            return null;
        }
        try {
            return QFaceParser.parseIfwType(text, where);
        } catch (QFaceException e) {
            problems.addAll(e.problems());
            return null;
        }
    }
}
