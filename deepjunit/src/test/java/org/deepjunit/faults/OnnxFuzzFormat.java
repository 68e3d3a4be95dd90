package org.deepjunit.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepjunit.model.Model;
import org.deepjunit.model.onnx.OnnxLeNets;
import org.deepjunit.model.onnx.OnnxModel;
import org.deepjunit.testing.DeepXploreModels.LeNet;

/** DeepXplore's LeNet-1 as an ONNX file (built in Java, PyTorch's layout), loaded by ONNX Runtime. */
public final class OnnxFuzzFormat implements FuzzFormat {

    private static final long[] ABSURD = {0, -7, 2147483647L, -2147483648L, 1000000, 99999999999L, Long.MAX_VALUE};

    @Override
    public String name() {
        return "onnx";
    }

    @Override
    public List<Path> writeOriginal(Path dir) throws IOException {
        return List.of(Files.write(dir.resolve("lenet1.onnx"), OnnxLeNets.bytes(LeNet.LENET1)));
    }

    @Override
    public Model load(List<Path> files, String sha256) {
        OnnxModel.Builder builder = OnnxModel.builder(files.get(0));
        return (sha256 == null ? builder : builder.sha256(sha256)).build();
    }

    @Override
    public List<Mutation> mutations() {
        Mutation absurd = (files, r) -> {
            String tweak = OnnxLeNets.TWEAKABLE.get(r.nextInt(OnnxLeNets.TWEAKABLE.size()));
            long value = ABSURD[r.nextInt(ABSURD.length)];
            Files.write(files.get(0), OnnxLeNets.withAbsurd(LeNet.LENET1, tweak, value));
            return new Mutation.Done(
                    Mutations.ABSURD_DIMENSION,
                    "absurd dimension: " + tweak + " = " + value,
                    List.of(Mutations.name(files.get(0))));
        };
        return List.of(absurd, absurd, absurd, absurd);
    }
}
