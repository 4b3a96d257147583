package io.ifw.qface;

import io.ifw.qface.QFaceAst.Decoration;
import io.ifw.qface.QFaceAst.Document;
import io.ifw.qface.QFaceAst.EnumDef;
import io.ifw.qface.QFaceAst.EnumMember;
import io.ifw.qface.QFaceAst.ImportDef;
import io.ifw.qface.QFaceAst.InterfaceDef;
import io.ifw.qface.QFaceAst.Member;
import io.ifw.qface.QFaceAst.ModuleDef;
import io.ifw.qface.QFaceAst.Parameter;
import io.ifw.qface.QFaceAst.StructDef;
import io.ifw.qface.QFaceAst.TypeRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one QFace document (the grammar of QFace's {@code T.g4}: module, imports, interfaces with
 * properties, operations and signals, structs, enums and flags, documentation comments and tag
 * lines) into a {@link Document}. A syntax error stops the document and names its place and what
 * was expected there.
 */
public final class QFaceParser {

    private static final Set<String> PRIMITIVES = Set.of("bool", "int", "real", "string", "var");

    private enum T { IDENT, NUMBER, STRING, TAG, DOC, PUNCT, EOF }

    private record Token(T type, String text, int line, int column) {
        String shown() {
            return switch (type) {
                case EOF -> "the end of the file";
                case DOC -> "a documentation comment";
                case TAG -> "the tag '" + text + "'";
                case STRING -> "the string " + text;
                default -> "'" + text + "'";
            };
        }
    }

    /** Thrown inside the parser at the first syntax error of a document. */
    private static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient QFaceProblem problem;

        SyntaxError(QFaceProblem problem) {
            super(problem.toString(), null, false, false);
            this.problem = problem;
        }
    }

    private final Path file;
    private final String fileName;
    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private int next;
    private boolean ifwTypes;

    private QFaceParser(Path file, String text) {
        this.file = file;
        this.fileName = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        this.text = text;
    }

    /**
     * Parses {@code text} (the content of {@code file}).
     *
     * @throws QFaceException with the first syntax error, or the errors of its tag lines
     */
    public static Document parse(Path file, String text) throws QFaceException {
        QFaceParser parser = new QFaceParser(file, text);
        try {
            parser.lex();
            return parser.document();
        } catch (SyntaxError e) {
            throw new QFaceException(List.of(e.problem));
        }
    }

    /**
     * Parses a type written in IFW's type notation (QFace's, plus {@code long} and
     * {@code set<Enum>}), as found in an {@code @ifw: {type: ...}} tag.
     */
    static TypeRef parseIfwType(String text, Position where) throws QFaceException {
        QFaceParser parser = new QFaceParser(Path.of(where.file()), text);
        parser.ifwTypes = true;
        try {
            parser.lex();
            TypeRef type = parser.type();
            parser.expectEnd();
            return new TypeRef(type.kind(), type.name(), type.element(), where);
        } catch (SyntaxError e) {
            throw new QFaceException(List.of(new QFaceProblem(where, "the @ifw type '" + text + "': " + e.problem.message())));
        }
    }

    // ---- lexer -------------------------------------------------------------------------------

    private void lex() {
        int i = 0;
        int line = 1;
        int lineStart = 0;
        int length = text.length();
        while (i < length) {
            char c = text.charAt(i);
            int column = i - lineStart + 1;
            if (c == '\n') {
                line++;
                lineStart = i + 1;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < length && text.charAt(i + 1) == '/') {
                while (i < length && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < length && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    throw error(line, column, "a comment that is never closed (expected '*/')");
                }
                boolean doc = i + 2 < length && text.charAt(i + 2) == '*' && end > i + 2;
                String comment = text.substring(i, end + 2);
                if (doc) {
                    tokens.add(new Token(T.DOC, comment, line, column));
                }
                for (int k = i; k < end + 2; k++) {
                    if (text.charAt(k) == '\n') {
                        line++;
                        lineStart = k + 1;
                    }
                }
                i = end + 2;
            } else if (c == '@') {
                int end = i;
                while (end < length && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                    end++;
                }
                tokens.add(new Token(T.TAG, text.substring(i + 1, end).strip(), line, column));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i + 1;
                while (end < length && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_' || text.charAt(end) == '.')) {
                    end++;
                }
                tokens.add(new Token(T.IDENT, text.substring(i, end), line, column));
                i = end;
            } else if (Character.isDigit(c) || ((c == '-' || c == '+') && i + 1 < length && Character.isDigit(text.charAt(i + 1)))) {
                int end = i + 1;
                while (end < length && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '.')) {
                    end++;
                }
                tokens.add(new Token(T.NUMBER, text.substring(i, end), line, column));
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < length && text.charAt(end) != c && text.charAt(end) != '\n') {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                if (end >= length || text.charAt(end) != c) {
                    throw error(line, column, "a string that is never closed (expected " + c + ")");
                }
                tokens.add(new Token(T.STRING, text.substring(i, end + 1), line, column));
                i = end + 1;
            } else if ("{}()<>;,=".indexOf(c) >= 0) {
                tokens.add(new Token(T.PUNCT, String.valueOf(c), line, column));
                i++;
            } else {
                throw error(line, column, "unexpected character '" + c + "'");
            }
        }
        tokens.add(new Token(T.EOF, "", line, text.length() - lineStart + 1));
    }

    // ---- parser ------------------------------------------------------------------------------

    private Document document() throws QFaceException {
        Decoration moduleDecoration = decoration();
        Token moduleWord = peek();
        expectWord("module", "'module' and the module's name (a QFace document starts with it)");
        Token name = expect(T.IDENT, "the module's name");
        Token version = expectVersion("the module's version (e.g. 1.0)");
        optional(";");
        ModuleDef module = new ModuleDef(name.text, version.text, moduleDecoration, at(moduleWord));
        List<ImportDef> imports = new ArrayList<>();
        while (peekWord("import")) {
            Token word = take();
            Token imported = expect(T.IDENT, "the imported module's name");
            Token importedVersion = expectVersion("the imported module's version (e.g. 1.0)");
            optional(";");
            imports.add(new ImportDef(imported.text, importedVersion.text, at(word)));
        }
        List<InterfaceDef> interfaces = new ArrayList<>();
        List<StructDef> structs = new ArrayList<>();
        List<EnumDef> enums = new ArrayList<>();
        while (peek().type != T.EOF) {
            Decoration decoration = decoration();
            Token word = peek();
            if (peekWord("interface")) {
                interfaces.add(interfaceDef(decoration));
            } else if (peekWord("struct")) {
                structs.add(structDef(decoration));
            } else if (peekWord("enum") || peekWord("flag")) {
                enums.add(enumDef(decoration));
            } else if (peekWord("import")) {
                throw error(word, "an import after a definition; imports follow the module line");
            } else {
                throw error(word, "expected 'interface', 'struct', 'enum' or 'flag', found " + word.shown());
            }
        }
        return new Document(file, module, imports, interfaces, structs, enums);
    }

    private InterfaceDef interfaceDef(Decoration decoration) throws QFaceException {
        Token word = take();
        Token name = expect(T.IDENT, "the interface's name");
        simpleName(name, "an interface");
        String extendsName = null;
        if (peekWord("extends")) {
            take();
            extendsName = expect(T.IDENT, "the name of the interface it extends").text;
        }
        expect("{", "'{' to open interface " + name.text);
        List<Member> members = new ArrayList<>();
        while (!peekPunct("}")) {
            if (peek().type == T.EOF) {
                throw error(peek(), "expected '}' to close interface " + name.text + ", found the end of the file");
            }
            members.add(interfaceMember());
        }
        take();
        optional(";");
        return new InterfaceDef(name.text, extendsName, members, decoration, at(word));
    }

    private Member interfaceMember() throws QFaceException {
        Decoration decoration = decoration();
        Token first = peek();
        if (peekWord("signal")) {
            take();
            Token name = expect(T.IDENT, "the signal's name");
            simpleName(name, "a signal");
            List<Parameter> parameters = parameters(name);
            optional(";");
            return new Member(Member.Kind.SIGNAL, name.text, new TypeRef(TypeRef.Kind.VOID, "void", null, at(first)), false, parameters, null,
                    decoration, at(name));
        }
        boolean readOnly = false;
        if (peekWord("readonly") || peekWord("const")) {
            take();
            readOnly = true;
        }
        TypeRef type;
        if (!readOnly && peekWord("void")) {
            type = new TypeRef(TypeRef.Kind.VOID, "void", null, at(take()));
        } else {
            type = type();
        }
        Token name = expect(T.IDENT, "the member's name after its type " + type);
        simpleName(name, "a member");
        if (peekPunct("(")) {
            if (readOnly) {
                throw error(first, "an operation cannot be 'readonly' or 'const' (write 'const' after its parameters)");
            }
            List<Parameter> parameters = parameters(name);
            if (peekWord("const")) {
                take();
            }
            optional(";");
            return new Member(Member.Kind.OPERATION, name.text, type, false, parameters, null, decoration, at(name));
        }
        if (type.kind() == TypeRef.Kind.VOID) {
            throw error(peek(), "expected '(' after " + name.text + ": only an operation returns void");
        }
        String defaultText = defaultValue();
        optional(";");
        return new Member(Member.Kind.PROPERTY, name.text, type, readOnly, List.of(), defaultText, decoration, at(name));
    }

    private String defaultValue() {
        if (!peekPunct("=")) {
            return null;
        }
        take();
        Token value = expect(T.STRING, "a default value in quotes (e.g. = \"100\")");
        return unquote(value.text);
    }

    private List<Parameter> parameters(Token owner) throws QFaceException {
        expect("(", "'('");
        List<Parameter> parameters = new ArrayList<>();
        while (!peekPunct(")")) {
            if (peek().type == T.EOF) {
                throw error(peek(), "expected ')' to close the parameters of " + owner.text + ", found the end of the file");
            }
            decoration(); // QFace allows no tags here; a doc comment on a parameter is skipped
            TypeRef type = type();
            Token name = expect(T.IDENT, "the parameter's name after its type " + type);
            simpleName(name, "a parameter");
            parameters.add(new Parameter(name.text, type, at(name)));
            if (peekPunct(",")) {
                take();
            }
        }
        take();
        return parameters;
    }

    private StructDef structDef(Decoration decoration) throws QFaceException {
        Token word = take();
        Token name = expect(T.IDENT, "the struct's name");
        simpleName(name, "a struct");
        expect("{", "'{' to open struct " + name.text);
        List<Member> fields = new ArrayList<>();
        while (!peekPunct("}")) {
            if (peek().type == T.EOF) {
                throw error(peek(), "expected '}' to close struct " + name.text + ", found the end of the file");
            }
            Decoration fieldDecoration = decoration();
            boolean readOnly = false;
            if (peekWord("readonly")) {
                take();
                readOnly = true;
            }
            TypeRef type = type();
            Token field = expect(T.IDENT, "the field's name after its type " + type);
            simpleName(field, "a field");
            if (peekPunct("(")) {
                throw error(peek(), "a struct has fields only, not operations ('" + field.text + "(' in struct " + name.text + ")");
            }
            String defaultText = defaultValue();
            optional(";");
            fields.add(new Member(Member.Kind.PROPERTY, field.text, type, readOnly, List.of(), defaultText, fieldDecoration, at(field)));
        }
        take();
        optional(";");
        return new StructDef(name.text, fields, decoration, at(word));
    }

    private EnumDef enumDef(Decoration decoration) throws QFaceException {
        Token word = take();
        boolean flag = word.text.equals("flag");
        Token name = expect(T.IDENT, "the " + word.text + "'s name");
        simpleName(name, "an " + word.text);
        expect("{", "'{' to open " + word.text + " " + name.text);
        List<EnumMember> members = new ArrayList<>();
        while (!peekPunct("}")) {
            if (peek().type == T.EOF) {
                throw error(peek(), "expected '}' to close " + word.text + " " + name.text + ", found the end of the file");
            }
            Decoration memberDecoration = decoration();
            Token member = expect(T.IDENT, "a name of " + word.text + " " + name.text);
            simpleName(member, "an enum value");
            Long value = null;
            if (peekPunct("=")) {
                take();
                Token number = expect(T.NUMBER, "a whole number (e.g. 1 or 0x4) for " + member.text);
                value = integer(number);
            }
            if (peekPunct(",")) {
                take();
            }
            members.add(new EnumMember(member.text, value, memberDecoration, at(member)));
        }
        take();
        optional(";");
        return new EnumDef(name.text, flag, members, decoration, at(word));
    }

    private Long integer(Token number) {
        String digits = number.text;
        try {
            if (digits.startsWith("0x") || digits.startsWith("0X")) {
                return Long.parseLong(digits.substring(2), 16);
            }
            return Long.parseLong(digits.startsWith("+") ? digits.substring(1) : digits);
        } catch (NumberFormatException e) {
            throw error(number, "expected a whole number (e.g. 1 or 0x4), found '" + digits + "'");
        }
    }

    private TypeRef type() {
        Token token = peek();
        if (token.type != T.IDENT) {
            throw error(token, "expected a type (bool, int, real, string, var, list<T>, map<T>, model<T> or a name), found " + token.shown());
        }
        take();
        String word = token.text;
        if (word.equals("list") || word.equals("map") || word.equals("model") || (ifwTypes && word.equals("set"))) {
            expect("<", "'<' after " + word);
            TypeRef element = type();
            expect(">", "'>' to close " + word + "<" + element);
            return new TypeRef(TypeRef.Kind.valueOf(word.toUpperCase(java.util.Locale.ROOT)), word, element, at(token));
        }
        if (PRIMITIVES.contains(word) || (ifwTypes && word.equals("long"))) {
            return new TypeRef(TypeRef.Kind.PRIMITIVE, word, null, at(token));
        }
        return new TypeRef(TypeRef.Kind.NAMED, word, null, at(token));
    }

    /** A documentation comment and tag lines, in either order, before an element. */
    private Decoration decoration() throws QFaceException {
        String doc = null;
        Map<String, Object> tags = new LinkedHashMap<>();
        Position tagsPosition = null;
        while (peek().type == T.DOC || peek().type == T.TAG) {
            Token token = take();
            if (token.type == T.DOC) {
                doc = token.text;
            } else {
                if (tagsPosition == null) {
                    tagsPosition = at(token);
                }
                Tags.addTagLine(tags, token.text, at(token));
            }
        }
        return new Decoration(doc, tags, tagsPosition);
    }

    private void simpleName(Token name, String what) {
        if (name.text.contains(".")) {
            throw error(name, "expected the name of " + what + ", which has no '.', found '" + name.text + "'");
        }
    }

    private Token expectVersion(String what) {
        Token token = peek();
        if (token.type != T.NUMBER || !token.text.matches("[0-9]+\\.[0-9]+")) {
            throw error(token, "expected " + what + ", found " + token.shown());
        }
        return take();
    }

    private void expectEnd() {
        if (peek().type != T.EOF) {
            throw error(peek(), "expected the end of the type, found " + peek().shown());
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token token = tokens.get(next);
        if (token.type != T.EOF) {
            next++;
        }
        return token;
    }

    private boolean peekWord(String word) {
        return peek().type == T.IDENT && peek().text.equals(word);
    }

    private boolean peekPunct(String punct) {
        return peek().type == T.PUNCT && peek().text.equals(punct);
    }

    private void optional(String punct) {
        if (peekPunct(punct)) {
            take();
        }
    }

    private void expectWord(String word, String what) {
        if (!peekWord(word)) {
            throw error(peek(), "expected " + what + ", found " + peek().shown());
        }
        take();
    }

    private Token expect(T type, String what) {
        if (peek().type != type) {
            throw error(peek(), "expected " + what + ", found " + peek().shown());
        }
        return take();
    }

    private Token expect(String punct, String what) {
        if (!peekPunct(punct)) {
            throw error(peek(), "expected " + what + ", found " + peek().shown());
        }
        return take();
    }

    private Position at(Token token) {
        return new Position(fileName, token.line, token.column);
    }

    private SyntaxError error(Token token, String message) {
        return new SyntaxError(new QFaceProblem(at(token), message));
    }

    private SyntaxError error(int line, int column, String message) {
        return new SyntaxError(new QFaceProblem(new Position(fileName, line, column), message));
    }

    private static String unquote(String quoted) {
        String inner = quoted.substring(1, quoted.length() - 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length()) {
                char e = inner.charAt(++i);
                out.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    default -> e;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
