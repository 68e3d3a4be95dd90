package org.deepjunit.report.inputs;

import java.nio.file.Path;
import org.deepjunit.data.AtomicFiles;

/**
 * The saved-input pages' stylesheet, {@value #FILE}, written beside each page: a file rather than inline styles,
 * so that the pages show under a Content-Security-Policy that blocks them (Jenkins' default), and read offline.
 */
final class InputsStylesheet {

    static final String FILE = "saved-inputs.css";

    private static final String STYLE = """
            body{font-family:sans-serif;font-size:14px;margin:16px 24px;color:#222;max-width:1200px}
            h1{font-size:22px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ccc;overflow-wrap:anywhere}
            h3{font-size:14px;margin:0 0 6px 0}a{color:#1f5fa8}
            nav.toc li{margin:2px 0;overflow-wrap:anywhere}
            div.card{border:1px solid #ddd;border-radius:4px;padding:8px 12px;margin:10px 0}
            div.figures{display:flex;flex-wrap:wrap;gap:12px}
            figure{margin:0;max-width:180px}figure img{image-rendering:pixelated;border:1px solid #eee}
            figcaption{font-size:11px;color:#555;overflow-wrap:anywhere}
            table.meta{border-collapse:collapse;margin:8px 0;max-width:100%}
            table.meta th,table.meta td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top;
            overflow-wrap:anywhere;white-space:pre-wrap}
            table.meta th{background:#f3f3f3;white-space:nowrap}
            p.files a{margin-right:14px}
            """;

    private InputsStylesheet() {}

    static void write(Path dir) {
        AtomicFiles.writeString(dir.resolve(FILE), STYLE);
    }
}
