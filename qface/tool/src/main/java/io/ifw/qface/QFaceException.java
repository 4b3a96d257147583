package io.ifw.qface;

import java.util.List;
import java.util.stream.Collectors;

/** The input had problems; nothing was generated. The message lists every problem, one per line. */
public final class QFaceException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<QFaceProblem> problems;

    public QFaceException(List<QFaceProblem> problems) {
        super(problems.stream().map(QFaceProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** The problems, in the order they were found (file by file, top to bottom). */
    public List<QFaceProblem> problems() {
        return problems;
    }
}
