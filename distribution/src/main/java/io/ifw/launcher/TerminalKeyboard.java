package io.ifw.launcher;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;

/**
 * The Gogo shell's keyboard on a terminal: each time the shell reads past the line it has, a line
 * is read with JLine (editing, history, TAB completion). The shell has printed its prompt by
 * then; JLine prints the same prompt over it from the start of the line, so it shows once.
 * Ctrl-D on an empty line ends the input, which ends the shell (and the container); Ctrl-C
 * drops the line being typed. Once the container stops (exit, a signal), the input ends too.
 */
final class TerminalKeyboard extends InputStream {

    private final LineReader reader;
    private final String prompt;
    private final BooleanSupplier running;
    private byte[] line = new byte[0];
    private int next;

    /** @param running whether the container still runs: once it stops, no line is read (the terminal stays as it was) */
    TerminalKeyboard(LineReader reader, String prompt, BooleanSupplier running) {
        this.reader = reader;
        this.prompt = prompt;
        this.running = running;
    }

    @Override
    public int read() {
        while (next >= line.length) {
            if (!running.getAsBoolean()) {
                return -1;
            }
            String text;
            try {
                reader.getTerminal().writer().print('\r');
                text = reader.readLine(prompt);
            } catch (UserInterruptException dropped) {
                text = "";
            } catch (EndOfFileException end) {
                return -1;
            }
            line = (text + "\n").getBytes(StandardCharsets.UTF_8);
            next = 0;
        }
        return line[next++] & 0xff;
    }
}
