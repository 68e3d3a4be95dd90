package org.deepjunit.report.inputs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deepjunit.report.HtmlText;

/**
 * An {@code <img>} of a saved PNG with alt text, width and height: the size is known before the image loads, so
 * the page does not jump, and a 28x28 digit is drawn large enough to see ({@value #BOX} pixels on its longer side,
 * sharp edges from the stylesheet).
 */
final class ImageTag {

    /** The longer side of every picture on the page, in CSS pixels. */
    static final int BOX = 140;

    private ImageTag() {}

    /**
     * The tag for {@code <page folder>/<href>}; null when the file is missing or no PNG (a save being replaced, or
     * files deleted by hand).
     */
    static String of(Path pageDir, String href, String alt) {
        int[] size = pngSize(pageDir.resolve(href));
        if (size == null) {
            return null;
        }
        int longer = Math.max(size[0], size[1]);
        int width = Math.max(1, Math.round((float) size[0] * BOX / longer));
        int height = Math.max(1, Math.round((float) size[1] * BOX / longer));
        return "<img src=\"" + esc(href) + "\" alt=\"" + esc(alt) + "\" width=\"" + width + "\" height=\"" + height
                + "\">";
    }

    /** Width and height from a PNG's header (signature, then the IHDR chunk); null when it is none. */
    static int[] pngSize(Path file) {
        byte[] head = new byte[24];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, head.length) < head.length) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(head);
        if (b.getLong(0) != 0x89504E470D0A1A0AL || b.getInt(12) != 0x49484452) {
            return null;
        }
        return new int[] {b.getInt(16), b.getInt(20)};
    }

    private static String esc(String s) {
        return HtmlText.escape(s, true);
    }
}
