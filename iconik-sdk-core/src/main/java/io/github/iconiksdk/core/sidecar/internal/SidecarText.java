// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.sidecar.internal;

import io.github.iconiksdk.api.sidecar.SidecarException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Turns a sidecar's bytes into text before any parser sees them: size limit, byte-order marks, strict UTF-8. Doing
 * it here, once, gives every encoding the same rules and the same error messages.
 */
public final class SidecarText {

    /** The largest sidecar accepted: 1 MiB. */
    public static final int MAX_BYTES = 1024 * 1024;

    private SidecarText() {
    }

    /**
     * Reads a sidecar file's bytes, refusing it before reading when it is over the limit.
     *
     * @param file the sidecar
     * @return its bytes
     * @throws SidecarException if it is missing, unreadable, or over {@link #MAX_BYTES}
     */
    public static byte[] readBytes(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw tooLarge(file, size);
            }
            // The file may grow between size() and reading: read at most one byte more than allowed.
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw tooLarge(file, -1);
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw new SidecarException(file, -1, -1, "no such file", e);
        } catch (IOException e) {
            throw new SidecarException(file, -1, -1, "cannot be read: " + e, e);
        }
    }

    private static SidecarException tooLarge(Path file, long size) {
        String actual = size > MAX_BYTES ? size + " bytes" : "it grew while being read";
        return new SidecarException(file, -1, -1, "is larger than the 1 MiB (" + MAX_BYTES + " bytes) sidecar limit ("
                + actual + "); refused without parsing", null);
    }

    /**
     * Decodes a sidecar's bytes as UTF-8: a UTF-8 byte-order mark is dropped; a UTF-16 or UTF-32 mark, NUL bytes at
     * the start (UTF-16 without a mark) or a byte sequence that is not UTF-8 is refused with its position.
     *
     * @param file  the sidecar, for messages
     * @param bytes its bytes
     * @return the text, without a byte-order mark
     * @throws SidecarException if the bytes are empty, over the limit or not UTF-8
     */
    public static String decode(Path file, byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(file, bytes.length);
        }
        if (bytes.length == 0) {
            throw new SidecarException(file, 1, 1, "is empty", null);
        }
        if (startsWith(bytes, 0x00, 0x00, 0xFE, 0xFF) || startsWith(bytes, 0xFF, 0xFE, 0x00, 0x00)) {
            throw notUtf8(file, "starts with a UTF-32 byte-order mark");
        }
        if (startsWith(bytes, 0xFE, 0xFF) || startsWith(bytes, 0xFF, 0xFE)) {
            throw notUtf8(file, "starts with a UTF-16 byte-order mark");
        }
        int offset = startsWith(bytes, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        for (int i = offset; i < Math.min(bytes.length, offset + 4); i++) {
            if (bytes[i] == 0) {
                throw notUtf8(file, "has NUL bytes at its start, as UTF-16 or UTF-32 text does");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            out.flip();
            int[] position = lineAndColumn(out, out.length());
            throw new SidecarException(file, position[0], position[1], "is not valid UTF-8 (byte offset "
                    + in.position() + "); sidecars must be encoded in UTF-8", null);
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw new SidecarException(file, -1, -1, "is not valid UTF-8; sidecars must be encoded in UTF-8",
                    errorOf(result));
        }
        out.flip();
        if (out.length() == 0) {
            throw new SidecarException(file, 1, 1, "is empty (only a byte-order mark)", null);
        }
        return out.toString();
    }

    private static CharacterCodingException errorOf(CoderResult result) {
        try {
            result.throwException();
            return new CharacterCodingException();
        } catch (CharacterCodingException e) {
            return e;
        }
    }

    private static SidecarException notUtf8(Path file, String what) {
        return new SidecarException(file, 1, 1, what + "; sidecars must be encoded in UTF-8", null);
    }

    /**
     * The one-based line and column just after the first {@code length} characters of {@code text}.
     *
     * @param text   the text
     * @param length how many characters precede the position
     * @return {line, column}
     */
    public static int[] lineAndColumn(CharSequence text, int length) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
                column = 1;
            } else if (c != '\r') {
                column++;
            }
        }
        return new int[] {line, column};
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
