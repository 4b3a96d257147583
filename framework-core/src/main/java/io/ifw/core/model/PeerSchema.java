package io.ifw.core.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A feature model as a peer describes it: read from its {@link FeatureModel#schemaText() schema
 * text}, without the peer's classes. A process that talks to another (a remote client, a journal
 * written by an older build) compares its own model with this one by name:
 * {@link FeatureModel#compareWith(PeerSchema, java.util.Set)}.
 *
 * <p>The text is one line per member, ordered by name, so a member's position is its index on
 * the peer's side.
 *
 * @param featureId the feature id the peer gave
 * @param members   the peer's members, in the peer's index order
 */
public record PeerSchema(String featureId, List<PeerMember> members) {

    /** The kinds of member, as the schema text writes them. */
    public enum Kind { PROPERTY, OPERATION, SIGNAL, MODEL }

    /**
     * One member of the peer.
     *
     * @param name      the member's name
     * @param index     its index on the peer's side
     * @param kind      property, operation, signal or model
     * @param signature the whole line, e.g. {@code property brightness:int readonly}
     * @param types     property, signal and model: the one type; operation: the parameters' types, then the result's
     * @param readOnly  for a property, whether it is read-only
     */
    public record PeerMember(String name, int index, Kind kind, String signature, List<TypeShape> types, boolean readOnly) {
    }

    /**
     * The shape of a type in a schema text: enough to decide compatibility as
     * {@link ValueType#compatibleWith} does.
     *
     * @param kind     scalar, enum, record, list, set or model
     * @param name     scalar: its name ({@code int}); enum and record: the simple class name; else empty
     * @param fields   record: field name to shape; list, set, model: the element under the key {@code ""}
     */
    public record TypeShape(String kind, String name, Map<String, TypeShape> fields) {

        boolean compatibleWith(TypeShape other) {
            if (!kind.equals(other.kind)) {
                return false;
            }
            switch (kind) {
                case "scalar":
                case "enum":
                    return name.equals(other.name);
                case "record":
                    for (Map.Entry<String, TypeShape> field : fields.entrySet()) {
                        TypeShape peer = other.fields.get(field.getKey());
                        if (peer != null && !field.getValue().compatibleWith(peer)) {
                            return false;
                        }
                    }
                    return true;
                default:
                    return fields.get("").compatibleWith(other.fields.get(""));
            }
        }
    }

    public PeerSchema {
        members = List.copyOf(members);
    }

    /** The peer's member of that name, or {@code null}. */
    public PeerMember member(String name) {
        for (PeerMember member : members) {
            if (member.name().equals(name)) {
                return member;
            }
        }
        return null;
    }

    /**
     * Reads a schema text.
     *
     * @throws IllegalArgumentException naming the line and what is wrong with it
     */
    public static PeerSchema parse(String schemaText) {
        if (schemaText == null) {
            throw new IllegalArgumentException("no schema text");
        }
        String[] lines = schemaText.split("\n");
        if (lines.length == 0 || !lines[0].startsWith("feature ") || lines[0].length() <= "feature ".length()) {
            throw new IllegalArgumentException("schema line 1 '" + abbreviate(lines.length == 0 ? "" : lines[0])
                    + "' does not start with 'feature ID'");
        }
        String id = lines[0].substring("feature ".length()).trim();
        List<PeerMember> members = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            try {
                members.add(member(line, members.size()));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("schema line " + (i + 1) + " '" + abbreviate(line) + "': " + e.getMessage(), e);
            }
        }
        return new PeerSchema(id, members);
    }

    /** The schema of a model of this process, for comparing two local models the same way. */
    public static PeerSchema of(FeatureModel model) {
        return parse(model.schemaText());
    }

    private static PeerMember member(String line, int index) {
        int space = line.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("no member kind");
        }
        String kindText = line.substring(0, space);
        String rest = line.substring(space + 1);
        Kind kind;
        try {
            kind = Kind.valueOf(kindText.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown member kind '" + kindText + "'");
        }
        if (kind == Kind.OPERATION) {
            int open = rest.indexOf('(');
            if (open <= 0) {
                throw new IllegalArgumentException("an operation without '('");
            }
            String name = rest.substring(0, open);
            Cursor cursor = new Cursor(line, space + 1 + open + 1, line.length());
            List<TypeShape> types = new ArrayList<>();
            while (cursor.peek() != ')') {
                cursor.identifier();
                cursor.expect(':');
                types.add(cursor.type());
                if (cursor.peek() == ',') {
                    cursor.position++;
                } else if (cursor.peek() != ')') {
                    cursor.expect(')');
                }
            }
            cursor.expect(')');
            cursor.expect(':');
            types.add(cursor.type());
            cursor.end();
            return new PeerMember(name, index, kind, line, types, false);
        }
        int colon = rest.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("no ':' after the member name");
        }
        String name = rest.substring(0, colon);
        boolean readOnly = kind == Kind.PROPERTY && line.endsWith(" readonly");
        Cursor cursor = new Cursor(line, space + 1 + colon + 1, readOnly ? line.length() - " readonly".length() : line.length());
        TypeShape type = cursor.type();
        cursor.end();
        return new PeerMember(name, index, kind, line, List.of(type), readOnly);
    }

    private static String abbreviate(String line) {
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }

    /** A reader of type signatures: {@code int}, {@code enum E{A,B}}, {@code R{f:int}}, {@code list<...>}. */
    private static final class Cursor {
        final String text;
        int position;

        /** Reads {@code line} from {@code start} to {@code end}; columns are the line's. */
        Cursor(String line, int start, int end) {
            this.text = line.substring(0, end);
            this.position = start;
        }

        char peek() {
            if (position >= text.length()) {
                throw new IllegalArgumentException("ends early");
            }
            return text.charAt(position);
        }

        void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected '" + c + "' at column " + (position + 1) + ", found '" + peek() + "'");
            }
            position++;
        }

        void end() {
            if (position != text.length()) {
                throw new IllegalArgumentException("unexpected '" + text.substring(position) + "'");
            }
        }

        String identifier() {
            int start = position;
            while (position < text.length() && (Character.isJavaIdentifierPart(text.charAt(position)) || text.charAt(position) == '$')) {
                position++;
            }
            if (start == position) {
                throw new IllegalArgumentException("expected a name at column " + (start + 1));
            }
            return text.substring(start, position);
        }

        TypeShape type() {
            String word = identifier();
            if (word.equals("enum")) {
                expect(' ');
                String name = identifier();
                expect('{');
                while (peek() != '}') {
                    identifier();
                    if (peek() == ',') {
                        position++;
                    }
                }
                expect('}');
                return new TypeShape("enum", name, Map.of());
            }
            if (word.equals("list") || word.equals("set") || word.equals("model")) {
                if (position < text.length() && text.charAt(position) == '<') {
                    position++;
                    TypeShape element = type();
                    expect('>');
                    return new TypeShape(word, "", Map.of("", element));
                }
            }
            if (position < text.length() && text.charAt(position) == '{') {
                position++;
                Map<String, TypeShape> fields = new HashMap<>();
                while (peek() != '}') {
                    String field = identifier();
                    expect(':');
                    fields.put(field, type());
                    if (peek() == ',') {
                        position++;
                    }
                }
                expect('}');
                return new TypeShape("record", word, Map.copyOf(fields));
            }
            return new TypeShape("scalar", word, Map.of());
        }
    }
}
