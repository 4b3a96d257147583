package io.ifw.core.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the query language by recursive descent:
 * <pre>
 * query      := [or] order*
 * or         := and (('|' | '||') and)*
 * and        := unary (('&amp;' | '&amp;&amp;') unary)*
 * unary      := '!' unary | '(' or ')' | comparison
 * comparison := operand op operand        one identifier and one literal, in either order
 * operand    := identifier | 'string' | "string" | integer (decimal, 0octal, 0xhex) | float
 * order      := '[' ('/' | '\') identifier ']'
 * </pre>
 */
final class QueryParser {

    private enum Kind { IDENTIFIER, STRING, NUMBER, OPERATOR, AND, OR, NOT, OPEN, CLOSE, ORDER, END }

    private record Token(Kind kind, String text, Object value, int column) {
    }

    private final String text;
    private final Set<String> fields;
    private final List<Token> tokens;
    private int position;

    QueryParser(String text, Set<String> fields) {
        this.text = text == null ? "" : text;
        this.fields = fields;
        this.tokens = new Tokenizer().tokens();
    }

    Query parse() {
        QueryTerm filter = null;
        if (peek().kind() != Kind.ORDER && peek().kind() != Kind.END) {
            filter = or();
        }
        List<OrderTerm> order = new ArrayList<>();
        while (peek().kind() == Kind.ORDER) {
            Token clause = next();
            String field = (String) clause.value();
            checkField(field, clause.column());
            order.add(new OrderTerm(field, clause.text().charAt(1) == '/'));
        }
        Token end = peek();
        if (end.kind() != Kind.END) {
            throw error(end.column(), "expected '&', '|', a sort clause or the end, found '" + end.text() + "'");
        }
        return new Query(filter, order);
    }

    private QueryTerm or() {
        QueryTerm term = and();
        while (peek().kind() == Kind.OR) {
            next();
            term = new QueryTerm.Conjunction(false, term, and());
        }
        return term;
    }

    private QueryTerm and() {
        QueryTerm term = unary();
        while (peek().kind() == Kind.AND) {
            next();
            term = new QueryTerm.Conjunction(true, term, unary());
        }
        return term;
    }

    private QueryTerm unary() {
        Token token = peek();
        switch (token.kind()) {
            case NOT:
                next();
                return new QueryTerm.Negation(unary());
            case OPEN:
                next();
                QueryTerm inner = or();
                Token close = next();
                if (close.kind() != Kind.CLOSE) {
                    throw error(close.column(), "expected ')' to close the '(' at column " + token.column() + ", found "
                            + describe(close));
                }
                return new QueryTerm.Group(inner);
            case IDENTIFIER:
            case STRING:
            case NUMBER:
                return comparison();
            default:
                throw error(token.column(), "expected a comparison, '!' or '(', found " + describe(token));
        }
    }

    private QueryTerm comparison() {
        Token left = next();
        Token operator = next();
        if (operator.kind() != Kind.OPERATOR) {
            throw error(operator.column(), "expected a comparison operator (= == != ~= < <= > >=) after '" + left.text()
                    + "', found " + describe(operator));
        }
        Token right = next();
        if (right.kind() != Kind.IDENTIFIER && right.kind() != Kind.STRING && right.kind() != Kind.NUMBER) {
            throw error(right.column(), "expected a field or a value after '" + operator.text() + "', found " + describe(right));
        }
        Operator op = operator(operator.text());
        Token field;
        Token value;
        if (left.kind() == Kind.IDENTIFIER && right.kind() != Kind.IDENTIFIER) {
            field = left;
            value = right;
        } else if (right.kind() == Kind.IDENTIFIER && left.kind() != Kind.IDENTIFIER) {
            field = right;
            value = left;
            op = op.mirrored();
        } else if (left.kind() == Kind.IDENTIFIER) {
            throw error(left.column(), "'" + left.text() + operator.text() + right.text()
                    + "' compares two fields; one side must be a value (put strings in quotes)");
        } else {
            throw error(left.column(), "'" + left.text() + operator.text() + right.text() + "' compares two values; one side must be a field");
        }
        checkField(field.text(), field.column());
        if (op.numbersOnly() && value.kind() == Kind.STRING) {
            throw error(value.column(), "'" + operator.text() + "' compares numbers, not the string '" + value.value() + "'");
        }
        if (op == Operator.EQUALS_IGNORE_CASE && value.kind() == Kind.NUMBER) {
            throw error(value.column(), "'~=' compares strings, not the number " + value.text());
        }
        return new QueryTerm.Comparison(field.text(), op, value.value());
    }

    private void checkField(String field, int column) {
        if (fields != null && !fields.contains(field)) {
            throw error(column, "unknown field '" + field + "' (fields: " + String.join(", ", new TreeSet<>(fields)) + ")");
        }
    }

    private static Operator operator(String symbol) {
        switch (symbol) {
            case "=":
            case "==":
                return Operator.EQUALS;
            case "!=":
                return Operator.NOT_EQUALS;
            case "~=":
                return Operator.EQUALS_IGNORE_CASE;
            case "<":
                return Operator.LESS;
            case "<=":
                return Operator.LESS_OR_EQUAL;
            case ">":
                return Operator.GREATER;
            default:
                return Operator.GREATER_OR_EQUAL;
        }
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        Token token = tokens.get(position);
        if (token.kind() != Kind.END) {
            position++;
        }
        return token;
    }

    private static String describe(Token token) {
        return token.kind() == Kind.END ? "the end" : "'" + token.text() + "'";
    }

    private QueryException error(int column, String problem) {
        return new QueryException(text, column, problem);
    }

    /** Splits the text into tokens, with their columns. */
    private final class Tokenizer {
        private int at;
        private final List<Token> out = new ArrayList<>();

        List<Token> tokens() {
            while (true) {
                while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                    at++;
                }
                if (at >= text.length()) {
                    out.add(new Token(Kind.END, "", null, at + 1));
                    return out;
                }
                out.add(token());
            }
        }

        private Token token() {
            int start = at;
            char c = text.charAt(at);
            if (Character.isLetter(c) || c == '_') {
                while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                    at++;
                }
                return new Token(Kind.IDENTIFIER, text.substring(start, at), null, start + 1);
            }
            if (c == '\'' || c == '"') {
                return string(c);
            }
            if (Character.isDigit(c) || (c == '-' && at + 1 < text.length() && Character.isDigit(text.charAt(at + 1)))) {
                return number();
            }
            if (c == '[') {
                return order();
            }
            String two = at + 1 < text.length() ? text.substring(at, at + 2) : "";
            switch (two) {
                case "==": case "!=": case "~=": case "<=": case ">=":
                    at += 2;
                    return new Token(Kind.OPERATOR, two, null, start + 1);
                case "&&":
                    at += 2;
                    return new Token(Kind.AND, two, null, start + 1);
                case "||":
                    at += 2;
                    return new Token(Kind.OR, two, null, start + 1);
                default:
                    break;
            }
            at++;
            switch (c) {
                case '=': case '<': case '>':
                    return new Token(Kind.OPERATOR, String.valueOf(c), null, start + 1);
                case '&':
                    return new Token(Kind.AND, "&", null, start + 1);
                case '|':
                    return new Token(Kind.OR, "|", null, start + 1);
                case '!':
                    return new Token(Kind.NOT, "!", null, start + 1);
                case '(':
                    return new Token(Kind.OPEN, "(", null, start + 1);
                case ')':
                    return new Token(Kind.CLOSE, ")", null, start + 1);
                default:
                    throw error(start + 1, "unexpected character '" + c + "'");
            }
        }

        private Token string(char quote) {
            int start = at++;
            StringBuilder value = new StringBuilder();
            while (at < text.length() && text.charAt(at) != quote) {
                char c = text.charAt(at++);
                if (c == '\\' && at < text.length()) {
                    c = text.charAt(at++);
                }
                value.append(c);
            }
            if (at >= text.length()) {
                throw error(start + 1, "the string starting with " + quote + " is not closed with " + quote);
            }
            at++;
            return new Token(Kind.STRING, text.substring(start, at), value.toString(), start + 1);
        }

        private Token number() {
            int start = at;
            boolean negative = text.charAt(at) == '-';
            if (negative) {
                at++;
            }
            Object value;
            if (text.startsWith("0x", at) || text.startsWith("0X", at)) {
                at += 2;
                int digits = at;
                while (at < text.length() && Character.digit(text.charAt(at), 16) >= 0) {
                    at++;
                }
                if (at == digits) {
                    throw error(digits + 1, "expected hexadecimal digits after '0x'");
                }
                value = Long.parseLong(text.substring(digits, at), 16);
            } else {
                while (at < text.length() && Character.isDigit(text.charAt(at))) {
                    at++;
                }
                boolean isFloat = false;
                if (at < text.length() && text.charAt(at) == '.') {
                    isFloat = true;
                    at++;
                    while (at < text.length() && Character.isDigit(text.charAt(at))) {
                        at++;
                    }
                }
                if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
                    isFloat = true;
                    at++;
                    if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                        at++;
                    }
                    int digits = at;
                    while (at < text.length() && Character.isDigit(text.charAt(at))) {
                        at++;
                    }
                    if (at == digits) {
                        throw error(digits + 1, "expected the digits of an exponent");
                    }
                }
                String literal = text.substring(negative ? start + 1 : start, at);
                if (isFloat) {
                    value = Double.parseDouble(literal);
                } else {
                    value = integer(literal, start); // not a ?: expression, which would make the Long a double
                }
            }
            if (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '.' || text.charAt(at) == ',')) {
                throw error(at + 1, "unexpected '" + text.charAt(at) + "' after the number " + text.substring(start, at));
            }
            if (negative) {
                value = value instanceof Double d ? -d : -(Long) value;
            }
            return new Token(Kind.NUMBER, text.substring(start, at), value, start + 1);
        }

        private Long integer(String literal, int start) {
            try {
                boolean octal = literal.length() > 1 && literal.charAt(0) == '0';
                return Long.parseLong(literal, octal ? 8 : 10);
            } catch (NumberFormatException e) {
                throw error(start + 1, "'" + literal + "' is not a number (a leading 0 makes it octal)");
            }
        }

        private Token order() {
            int start = at++;
            if (at >= text.length() || (text.charAt(at) != '/' && text.charAt(at) != '\\')) {
                throw error(at + 1, "expected '/' (ascending) or '\\' (descending) after '['");
            }
            char direction = text.charAt(at++);
            int name = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                at++;
            }
            if (at == name) {
                throw error(name + 1, "expected a field name after '[" + direction + "'");
            }
            String field = text.substring(name, at);
            if (at >= text.length() || text.charAt(at) != ']') {
                throw error(at + 1, "expected ']' to close the sort clause");
            }
            at++;
            return new Token(Kind.ORDER, "[" + direction + field + "]", field, start + 1);
        }
    }
}
