package io.ifw.qface;

/** One thing wrong with the input, at its place: a syntax error, an unknown type, an unsupported construct. */
public record QFaceProblem(Position position, String message) {

    @Override
    public String toString() {
        return position + ": " + message;
    }
}
