package io.ifw.qface;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The syntax tree of a QFace document, as written: nothing is resolved yet. */
public final class QFaceAst {

    private QFaceAst() {
    }

    /** A type as written: a primitive ({@code bool int real string var}, and IFW's {@code long}), a name, or a container. */
    public record TypeRef(Kind kind, String name, TypeRef element, Position position) {

        public enum Kind { PRIMITIVE, NAMED, LIST, MAP, MODEL, SET, VOID }

        @Override
        public String toString() {
            return switch (kind) {
                case PRIMITIVE, NAMED -> name;
                case VOID -> "void";
                default -> kind.name().toLowerCase(java.util.Locale.ROOT) + "<" + element + ">";
            };
        }
    }

    /** What an element carries besides its syntax: its documentation comment and its tags ({@code @config: {...}}). */
    public record Decoration(String doc, Map<String, Object> tags, Position tagsPosition) {
    }

    public record Parameter(String name, TypeRef type, Position position) {
    }

    /** A property, operation or signal of an interface, or a field of a struct (a property). */
    public record Member(Kind kind, String name, TypeRef type, boolean readOnly, List<Parameter> parameters, String defaultText,
                         Decoration decoration, Position position) {

        public enum Kind { PROPERTY, OPERATION, SIGNAL }
    }

    public record InterfaceDef(String name, String extendsName, List<Member> members, Decoration decoration, Position position) {
    }

    public record StructDef(String name, List<Member> fields, Decoration decoration, Position position) {
    }

    public record EnumMember(String name, Long value, Decoration decoration, Position position) {
    }

    public record EnumDef(String name, boolean flag, List<EnumMember> members, Decoration decoration, Position position) {
    }

    public record ImportDef(String module, String version, Position position) {
    }

    public record ModuleDef(String name, String version, Decoration decoration, Position position) {
    }

    public record Document(Path file, ModuleDef module, List<ImportDef> imports, List<InterfaceDef> interfaces, List<StructDef> structs,
                           List<EnumDef> enums) {
    }
}
