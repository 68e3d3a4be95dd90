package org.deepjunit.faults;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deepjunit.model.DataType;
import org.deepjunit.model.Model;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * The child JVM of the corrupt-model fuzz: reads cases from stdin, one a line
 * ({@code id TAB formatClass TAB pin-or-"-" TAB file...}), loads each, predicts on zeros, and prints one result line
 * per case ({@code @@FUZZ TAB id TAB LOADED|ERROR TAB detail}; a load's detail is the output's shape, the layers'
 * names and the output's sum). A crash or a hang kills only this JVM; the parent
 * sees which case was running.
 */
public final class CorruptModelFuzzWorker {

    static final String PREFIX = "@@FUZZ\t";

    private CorruptModelFuzzWorker() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "UTF-8");
        System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream())); // libraries' chatter stays out
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            String[] parts = line.split("\t");
            out.println(PREFIX + parts[0] + "\tSTART\t");
            String result = run(parts);
            out.println(PREFIX + parts[0] + "\t" + result);
        }
    }

    private static String run(String[] parts) {
        try {
            FuzzFormat format =
                    (FuzzFormat) Class.forName(parts[1]).getConstructor().newInstance();
            String pin = parts[2].equals("-") ? null : parts[2];
            List<Path> files = new ArrayList<>();
            for (int i = 3; i < parts.length; i++) {
                files.add(Path.of(parts[i]));
            }
            try (Model model = format.load(files, pin)) {
                int[] dims = model.inputShape().dims();
                int[] batch = new int[dims.length + 1];
                batch[0] = 1;
                for (int i = 0; i < dims.length; i++) {
                    batch[i + 1] = dims[i] == Shape.UNKNOWN ? 1 : dims[i];
                }
                Tensor y = model.predict(Tensor.zeros(DataType.FLOAT32, Shape.of(batch)));
                double sum = Arrays.stream(y.toDoubleArray()).sum();
                List<String> layers = model.layers().stream().map(l -> l.name()).toList();
                return "LOADED\t" + y.shape() + " layers " + layers + " sum " + sum;
            }
        } catch (Throwable e) {
            return "ERROR\t" + e.getClass().getName() + ": "
                    + String.valueOf(e.getMessage()).replaceAll("[\t\r\n]+", " ");
        }
    }
}
