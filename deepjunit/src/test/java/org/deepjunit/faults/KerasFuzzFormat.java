package org.deepjunit.faults;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.deepjunit.model.Model;
import org.deepjunit.model.dl4j.Dl4jModel;

/** DeepXplore's LeNet-1 as a Keras architecture JSON plus a weights HDF5, imported through DL4J. */
public final class KerasFuzzFormat implements FuzzFormat {

    private static final List<String> DIMENSIONS =
            List.of("strides", "kernel_size", "pool_size", "units", "filters", "dilation_rate", "batch_input_shape");

    @Override
    public String name() {
        return "keras-json-h5";
    }

    @Override
    public List<Path> writeOriginal(Path dir) throws IOException {
        return List.of(copy("lenet1.json", dir.resolve("lenet1.json")), copy("Model1.h5", dir.resolve("Model1.h5")));
    }

    private static Path copy(String resource, Path to) throws IOException {
        try (InputStream in = KerasFuzzFormat.class.getResourceAsStream("/deepxplore-mnist/" + resource)) {
            if (in == null) {
                throw new IOException("test resource /deepxplore-mnist/" + resource + " is missing");
            }
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
        return to;
    }

    @Override
    public Model load(List<Path> files, String sha256) {
        Dl4jModel.Builder builder = Dl4jModel.keras(files.get(0), files.get(1));
        return (sha256 == null ? builder : builder.sha256(sha256)).build();
    }

    @Override
    public List<Mutation> mutations() {
        Mutation absurd = Mutations.absurdJson(0, DIMENSIONS);
        return List.of(
                absurd,
                absurd,
                absurd,
                (files, r) -> {
                    copy("Model2.h5", files.get(1)); // another model's weights under the same name
                    return new Mutation.Done(
                            "swapped files", "LeNet-4 weights in Model1.h5", List.of(Mutations.name(files.get(1))));
                },
                (files, r) -> {
                    copy("lenet5.json", files.get(0));
                    return new Mutation.Done(
                            "swapped files",
                            "LeNet-5 architecture in lenet1.json",
                            List.of(Mutations.name(files.get(0)), Mutations.name(files.get(1))));
                });
    }
}
