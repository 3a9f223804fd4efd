package io.raffinerie.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** An output that starts every line with a prefix, as {@code kubectl logs --prefix} does ({@code logs -o wide}). */
final class LinePrefix extends FilterOutputStream {
    private final byte[] prefix;
    private boolean lineStart = true;

    private LinePrefix(OutputStream out, String prefix) {
        super(out);
        this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
    }

    static PrintStream of(PrintStream out, String prefix) {
        return new PrintStream(new LinePrefix(out, prefix), true, StandardCharsets.UTF_8);
    }

    @Override
    public void write(int b) throws IOException {
        if (lineStart) {
            out.write(prefix);
        }
        out.write(b);
        lineStart = b == '\n';
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
