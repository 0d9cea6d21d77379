// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.transcoder.raw;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes a small but real DNG (TIFF/EP, Adobe DNG 1.4): IFD 0 holds an embedded JPEG preview (as cameras' DNGs
 * do), its SubIFD the raw picture as 16-bit linear RGB ({@code LinearRaw}), with a colour matrix that makes the
 * camera's space linear sRGB, so a decoder's output can be compared with the picture written. No binary media in
 * git: every test makes its own file.
 */
final class TestDng {

    private TestDng() {
    }

    /**
     * @param file        where to write
     * @param picture     the scene, as sRGB
     * @param orientation the TIFF Orientation tag (1 upright, 6 turn 90 degrees clockwise to view, 8 counter-, 3 half)
     * @param preview     the embedded preview's long side in pixels, or 0 for none
     */
    static Path write(Path file, BufferedImage picture, int orientation, int preview) throws IOException {
        return write(file, picture, orientation, preview, false);
    }

    /**
     * As {@link #write(Path, BufferedImage, int, int)}; with {@code bayer} the raw picture is a one-sample-a-pixel
     * RGGB colour filter array, as most cameras record, so a decoder must demosaic it.
     */
    static Path write(Path file, BufferedImage picture, int orientation, int preview, boolean bayer)
            throws IOException {
        int w = picture.getWidth();
        int h = picture.getHeight();
        int samples = bayer ? 1 : 3;
        byte[] raw = new byte[w * h * 2 * samples];
        ByteBuffer px = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = picture.getRGB(x, y);
                if (bayer) {
                    // RGGB: red on even rows and columns, blue on odd ones, green elsewhere
                    int shift = (y % 2 == 0 && x % 2 == 0) ? 16 : (y % 2 == 1 && x % 2 == 1) ? 0 : 8;
                    px.putShort((short) linear16((rgb >> shift) & 0xFF));
                } else {
                    px.putShort((short) linear16((rgb >> 16) & 0xFF));
                    px.putShort((short) linear16((rgb >> 8) & 0xFF));
                    px.putShort((short) linear16(rgb & 0xFF));
                }
            }
        }
        byte[] jpeg = null;
        int pw = 0;
        int ph = 0;
        if (preview > 0) {
            double f = (double) preview / Math.max(w, h);
            pw = Math.max(1, (int) Math.round(w * f));
            ph = Math.max(1, (int) Math.round(h * f));
            BufferedImage small = new BufferedImage(pw, ph, BufferedImage.TYPE_INT_RGB);
            small.createGraphics().drawImage(picture, 0, 0, pw, ph, null);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(small, "jpeg", out);
            jpeg = out.toByteArray();
        }

        Tiff t = new Tiff();
        // IFD 0: the preview (or a 1x1 stand-in when there is none) and the DNG tags
        Ifd ifd0 = new Ifd();
        ifd0.longs(254, 1);
        if (jpeg != null) {
            ifd0.longs(256, pw).longs(257, ph).shorts(258, 8, 8, 8).shorts(259, 7).shorts(262, 6)
                    .shorts(277, 3).longs(278, ph).data(273, 279, jpeg);
        } else {
            ifd0.longs(256, 1).longs(257, 1).shorts(258, 8, 8, 8).shorts(259, 1).shorts(262, 2).shorts(277, 3)
                    .longs(278, 1).data(273, 279, new byte[] {0, 0, 0});
        }
        ifd0.ascii(271, "iconik-sdk").ascii(272, "TestDng").shorts(274, orientation)
                .bytes(50706, 1, 4, 0, 0).bytes(50707, 1, 1, 0, 0).ascii(50708, "iconik-sdk TestDng")
                // XYZ (D65) to linear sRGB: the camera's RGB is linear sRGB
                .srationals(50721, 3.2406, -1.5372, -0.4986, -0.9689, 1.8758, 0.0415, 0.0557, -0.2040, 1.0570)
                .rationals(50728, 1, 1, 1).shorts(50778, 21);
        Ifd rawIfd = new Ifd();
        if (bayer) {
            rawIfd.longs(254, 0).longs(256, w).longs(257, h).shorts(258, 16).shorts(259, 1).shorts(262, 32803)
                    .shorts(277, 1).longs(278, h).shorts(284, 1).shorts(33421, 2, 2).bytes(33422, 0, 1, 1, 2)
                    .longs(50717, 65535).shorts(50714, 0).data(273, 279, raw);
        } else {
            rawIfd.longs(254, 0).longs(256, w).longs(257, h).shorts(258, 16, 16, 16).shorts(259, 1)
                    .shorts(262, 34892).shorts(277, 3).longs(278, h).shorts(284, 1)
                    .longs(50717, 65535, 65535, 65535).shorts(50714, 0).data(273, 279, raw);
        }
        ifd0.subIfd(330, rawIfd);
        Files.write(file, t.bytes(ifd0));
        return file;
    }

    /** sRGB 8-bit to linear 16-bit. */
    private static int linear16(int v) {
        double c = v / 255.0;
        double lin = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        return (int) Math.round(lin * 65535);
    }

    /** One IFD: entries sorted by tag when written; values that do not fit in 4 bytes, and strips, go after it. */
    private static final class Ifd {
        private final List<Object[]> entries = new ArrayList<>(); // tag, type, count, byte[] value or Ifd

        private Ifd add(int tag, int type, int count, Object value) {
            entries.add(new Object[] {tag, type, count, value});
            return this;
        }

        Ifd shorts(int tag, int... v) {
            ByteBuffer b = le(v.length * 2);
            for (int x : v) {
                b.putShort((short) x);
            }
            return add(tag, 3, v.length, b.array());
        }

        Ifd longs(int tag, long... v) {
            ByteBuffer b = le(v.length * 4);
            for (long x : v) {
                b.putInt((int) x);
            }
            return add(tag, 4, v.length, b.array());
        }

        Ifd bytes(int tag, int... v) {
            byte[] b = new byte[v.length];
            for (int i = 0; i < v.length; i++) {
                b[i] = (byte) v[i];
            }
            return add(tag, 1, v.length, b);
        }

        Ifd ascii(int tag, String s) {
            byte[] b = (s + "\0").getBytes(StandardCharsets.US_ASCII);
            return add(tag, 2, b.length, b);
        }

        Ifd rationals(int tag, double... v) {
            ByteBuffer b = le(v.length * 8);
            for (double x : v) {
                b.putInt((int) Math.round(x * 10000)).putInt(10000);
            }
            return add(tag, 5, v.length, b.array());
        }

        Ifd srationals(int tag, double... v) {
            ByteBuffer b = le(v.length * 8);
            for (double x : v) {
                b.putInt((int) Math.round(x * 10000)).putInt(10000);
            }
            return add(tag, 10, v.length, b.array());
        }

        /** A single strip: offsets tag and byte-count tag. */
        Ifd data(int offsetTag, int countTag, byte[] strip) {
            add(offsetTag, 4, 1, new Strip(strip));
            return longs(countTag, strip.length);
        }

        Ifd subIfd(int tag, Ifd child) {
            return add(tag, 4, 1, child);
        }
    }

    private record Strip(byte[] bytes) {
    }

    private static final class Tiff {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        byte[] bytes(Ifd root) {
            out.writeBytes(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0});
            writeIfd(root);
            return out.toByteArray();
        }

        /** Writes an IFD at the current offset (word-aligned), then its data; returns the IFD's offset. */
        private int writeIfd(Ifd ifd) {
            pad();
            int at = out.size();
            ifd.entries.sort(Comparator.comparingInt(e -> (Integer) e[0]));
            int n = ifd.entries.size();
            byte[] table = new byte[2 + n * 12 + 4];
            int dataAt = at + table.length;
            ByteArrayOutputStream after = new ByteArrayOutputStream();
            List<Object[]> deferred = new ArrayList<>(); // [entry index, Ifd or Strip]
            ByteBuffer tb = ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN);
            tb.putShort((short) n);
            for (int i = 0; i < n; i++) {
                Object[] e = ifd.entries.get(i);
                tb.putShort((short) (int) (Integer) e[0]).putShort((short) (int) (Integer) e[1])
                        .putInt((Integer) e[2]);
                Object v = e[3];
                if (v instanceof byte[] b) {
                    if (b.length <= 4) {
                        byte[] four = new byte[4];
                        System.arraycopy(b, 0, four, 0, b.length);
                        tb.put(four);
                    } else {
                        tb.putInt(dataAt + after.size());
                        after.writeBytes(b);
                        if (after.size() % 2 == 1) {
                            after.write(0);
                        }
                    }
                } else {
                    deferred.add(new Object[] {tb.position(), v});
                    tb.putInt(0);
                }
            }
            tb.putInt(0); // no next IFD
            out.writeBytes(table);
            out.writeBytes(after.toByteArray());
            byte[] written = out.toByteArray();
            List<int[]> patches = new ArrayList<>();
            for (Object[] d : deferred) {
                int offset;
                if (d[1] instanceof Strip s) {
                    pad();
                    offset = out.size();
                    out.writeBytes(s.bytes());
                } else {
                    offset = writeIfd((Ifd) d[1]);
                }
                patches.add(new int[] {at + (Integer) d[0], offset});
            }
            if (!patches.isEmpty()) {
                byte[] all = out.toByteArray();
                for (int[] p : patches) {
                    ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).putInt(p[0], p[1]);
                }
                out.reset();
                out.writeBytes(all);
            }
            return at;
        }

        private void pad() {
            while (out.size() % 4 != 0) {
                out.write(0);
            }
        }
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Writes a sample file for trying decoders by hand: {@code java TestDng.java out.dng [orientation] [preview]}. */
    public static void main(String[] args) throws IOException {
        BufferedImage scene = scene(600, 400);
        write(Path.of(args[0]), scene, args.length > 1 ? Integer.parseInt(args[1]) : 1,
                args.length > 2 ? Integer.parseInt(args[2]) : 256);
    }

    /** A scene whose orientation shows: white top-left quarter, a red bar along the top, grey elsewhere. */
    static BufferedImage scene(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = 0x606060;
                if (x < w / 2 && y < h / 2) {
                    rgb = 0xFFFFFF;
                } else if (y < h / 8) {
                    rgb = 0xC00000;
                }
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }
}
