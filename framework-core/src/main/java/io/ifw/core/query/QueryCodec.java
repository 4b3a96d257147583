package io.ifw.core.query;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of a query, for the wire and the journal: a version byte, the filter as a tree
 * of tagged nodes, the sort clauses. Decoding checks everything and refuses malformed input with
 * a {@link QueryException}; it never trusts a length or a depth it was given.
 */
public final class QueryCodec {

    private static final int VERSION = 1;
    private static final int MAX_DEPTH = 256;
    private static final int MAX_ORDER_TERMS = 64;
    private static final byte NONE = 0;
    private static final byte COMPARISON = 1;
    private static final byte AND = 2;
    private static final byte OR = 3;
    private static final byte NEGATION = 4;
    private static final byte GROUP = 5;
    private static final byte STRING = 's';
    private static final byte LONG = 'l';
    private static final byte DOUBLE = 'd';

    private QueryCodec() {
    }

    public static byte[] encode(Query query) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            write(out, query.filter());
            out.writeShort(query.order().size());
            for (OrderTerm term : query.order()) {
                out.writeUTF(term.field());
                out.writeBoolean(term.ascending());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * @throws QueryException saying what is malformed
     */
    public static Query decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw malformed("version " + version + " (this side reads version " + VERSION + ")");
            }
            QueryTerm filter = read(in, 0);
            int count = in.readUnsignedShort();
            if (count > MAX_ORDER_TERMS) {
                throw malformed(count + " sort clauses (at most " + MAX_ORDER_TERMS + ")");
            }
            List<OrderTerm> order = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                order.add(new OrderTerm(identifier(in.readUTF()), in.readBoolean()));
            }
            if (in.available() > 0) {
                throw malformed(in.available() + " bytes after the end");
            }
            return new Query(filter, order);
        } catch (IOException e) {
            throw malformed("truncated (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static void write(DataOutputStream out, QueryTerm term) throws IOException {
        if (term == null) {
            out.writeByte(NONE);
        } else if (term instanceof QueryTerm.Comparison c) {
            out.writeByte(COMPARISON);
            out.writeUTF(c.field());
            out.writeByte(code(c.operator()));
            if (c.value() instanceof String s) {
                out.writeByte(STRING);
                out.writeUTF(s);
            } else if (c.value() instanceof Long l) {
                out.writeByte(LONG);
                out.writeLong(l);
            } else {
                out.writeByte(DOUBLE);
                out.writeDouble(((Number) c.value()).doubleValue());
            }
        } else if (term instanceof QueryTerm.Conjunction c) {
            out.writeByte(c.and() ? AND : OR);
            write(out, c.left());
            write(out, c.right());
        } else if (term instanceof QueryTerm.Negation n) {
            out.writeByte(NEGATION);
            write(out, n.term());
        } else {
            out.writeByte(GROUP);
            write(out, ((QueryTerm.Group) term).term());
        }
    }

    /**
     * An operator's code in the binary form, fixed here (the ordinals of the first format) so that
     * inserting an operator in the enum changes no stored or sent query; exhaustive, so a new
     * operator does not compile without a code.
     */
    static int code(Operator operator) {
        return switch (operator) {
            case EQUALS -> 0;
            case NOT_EQUALS -> 1;
            case EQUALS_IGNORE_CASE -> 2;
            case LESS -> 3;
            case LESS_OR_EQUAL -> 4;
            case GREATER -> 5;
            case GREATER_OR_EQUAL -> 6;
        };
    }

    static Operator operator(int code) {
        return switch (code) {
            case 0 -> Operator.EQUALS;
            case 1 -> Operator.NOT_EQUALS;
            case 2 -> Operator.EQUALS_IGNORE_CASE;
            case 3 -> Operator.LESS;
            case 4 -> Operator.LESS_OR_EQUAL;
            case 5 -> Operator.GREATER;
            case 6 -> Operator.GREATER_OR_EQUAL;
            default -> throw malformed("operator " + code);
        };
    }

    private static QueryTerm read(DataInputStream in, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw malformed("nested deeper than " + MAX_DEPTH);
        }
        int tag = in.readUnsignedByte();
        switch (tag) {
            case NONE:
                return null;
            case COMPARISON:
                String field = identifier(in.readUTF());
                return new QueryTerm.Comparison(field, operator(in.readUnsignedByte()), value(in));
            case AND:
            case OR:
                return new QueryTerm.Conjunction(tag == AND, required(in, depth), required(in, depth));
            case NEGATION:
                return new QueryTerm.Negation(required(in, depth));
            case GROUP:
                return new QueryTerm.Group(required(in, depth));
            default:
                throw malformed("node tag " + tag);
        }
    }

    private static QueryTerm required(DataInputStream in, int depth) throws IOException {
        QueryTerm term = read(in, depth + 1);
        if (term == null) {
            throw malformed("an empty operand");
        }
        return term;
    }

    private static Object value(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        switch (tag) {
            case STRING:
                return in.readUTF();
            case LONG:
                return in.readLong();
            case DOUBLE:
                return in.readDouble();
            default:
                throw malformed("value tag " + tag);
        }
    }

    private static String identifier(String name) {
        if (name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')
                || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
            throw malformed("field name '" + name + "'");
        }
        return name;
    }

    private static QueryException malformed(String what) {
        return new QueryException("(binary)", 0, "malformed binary query: " + what);
    }
}
