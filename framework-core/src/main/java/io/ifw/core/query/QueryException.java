package io.ifw.core.query;

/**
 * A query that does not parse, names an unknown field, or compares values the operator does not
 * compare. The message says where (column, from 1) and what was expected.
 */
public class QueryException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String query;
    private final int column;

    public QueryException(String query, int column, String problem) {
        super(problem + (column > 0 ? " at column " + column : "") + " in query \"" + query + "\"");
        this.query = query;
        this.column = column;
    }

    /** The query text. */
    public String query() {
        return query;
    }

    /** Where the problem is, from 1; 0 when it concerns the query as a whole. */
    public int column() {
        return column;
    }
}
