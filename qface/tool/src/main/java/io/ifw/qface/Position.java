package io.ifw.qface;

/** A place in a QFace or annotation file: file name, line and column, both counted from 1. */
public record Position(String file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
