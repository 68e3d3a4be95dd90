package org.deepjunit.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.deepjunit.testing.Mnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

    @TempDir
    Path dir;

    @Test
    void mnistIdxFromClasspathMatchesTheTestReader() {
        Dataset d = Datasets.load(
                "classpath:/mnist/t10k-images-idx3-ubyte.gz", "classpath:/mnist/t10k-labels-idx1-ubyte.gz", Double.NaN);
        assertThat(d.size()).isEqualTo(10_000);
        assertThat(d.sampleShape()).isEqualTo(Shape.of(28, 28, 1));
        assertThat(d.batch(new int[] {0, 1, 2})).isEqualTo(Mnist.images(0, 3));
        assertThat(d.label(0).getAsInt()).isEqualTo(Mnist.labels(0, 1)[0]);
        assertThat(d.range()).containsExactly(0f, 1f);
    }

    @Test
    void npyRoundTripAndAsDataset() throws Exception {
        Tensor t = Tensor.of(new float[] {0, 0.5f, 1, 0.25f, 0.75f, 1}, 2, 3);
        Path file = dir.resolve("x.npy");
        Npy.write(t, file);
        assertThat(Files.size(file) % 64).isEqualTo(24 % 64); // 64-byte aligned header, 24 bytes of data
        assertThat(Npy.readTensor(file.toString())).isEqualTo(t);
        Npy.write(Tensor.of(new float[] {3, 4}, 2), dir.resolve("y.npy"));
        Dataset d = Datasets.load(file.toString(), dir.resolve("y.npy").toString(), Double.NaN);
        assertThat(d.sampleShape()).isEqualTo(Shape.of(3));
        assertThat(d.label(1).getAsInt()).isEqualTo(4);
        assertThat(d.sample(1).toFloatArray()).containsExactly(0.25f, 0.75f, 1f);
    }

    @Test
    void csvWithHeaderAndLastColumnLabel() throws Exception {
        Path file = dir.resolve("t.csv");
        Files.writeString(file, "a,b,label\n1,2,0\n3.5,-4,1\n\n");
        Dataset d = Datasets.load(file.toString(), "-2", Double.NaN);
        assertThat(d.size()).isEqualTo(2);
        assertThat(d.sample(1).toFloatArray()).containsExactly(3.5f, -4f);
        assertThat(d.label(1).getAsInt()).isEqualTo(1);
        Files.writeString(file, "1,2\n3\n");
        assertThatThrownBy(() -> Datasets.load(file.toString(), "", Double.NaN))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("line 2: 1 features, earlier rows have 2");
    }

    @Test
    void csvIsParsedAsRfc4180QuotedFieldsCrlfAndAll() throws Exception {
        Path file = dir.resolve("q.csv");
        // A quoted header cell holding commas, quoted numbers with spaces, CRLF line ends, a blank line.
        Files.writeString(file, "\"width, cm\",\"height, cm\",class\r\n\" 1.5 \",2,\"3\"\r\n\r\n4,\"-5e-1\",6\r\n");
        Dataset d = Datasets.load(file.toString(), "-2", Double.NaN);
        assertThat(d.size()).isEqualTo(2);
        assertThat(d.sampleShape()).isEqualTo(Shape.of(2));
        assertThat(d.sample(0).toFloatArray()).containsExactly(1.5f, 2f);
        assertThat(d.sample(1).toFloatArray()).containsExactly(4f, -0.5f);
        assertThat(d.label(0).getAsInt()).isEqualTo(3);
        assertThat(d.label(1).getAsInt()).isEqualTo(6);
        Files.writeString(file, "1,2\n3,\"x,y\"\n");
        assertThatThrownBy(() -> Datasets.load(file.toString(), "", Double.NaN))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(file + " line 2: not a numeric row: 3,x,y");
        Files.writeString(file, "a,b\nunits,cm\n1,2\n");
        assertThatThrownBy(() -> Datasets.load(file.toString(), "", Double.NaN))
                .as("only the first row may be a header")
                .isInstanceOf(DataFormatException.class)
                .hasMessage(file + " line 2: not a numeric row: units,cm");
        Files.writeString(file, "label\n1\n2\n");
        assertThatThrownBy(() -> Datasets.load(file.toString(), "0", Double.NaN))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(file + " line 2: a label and no feature columns");
    }

    @Test
    void imageFolderRoundTripsPngsWithLabelsFromFolders() throws Exception {
        Tensor a = Mnist.images(0, 1);
        Tensor b = Mnist.images(1, 2);
        Images.writePng(a, 0, 1, dir.resolve("7/a.png"));
        Images.writePng(b, 0, 1, dir.resolve("2/b.png"));
        Dataset d = Datasets.load(dir.toString(), "", Double.NaN);
        assertThat(d.size()).isEqualTo(2);
        assertThat(d.sampleShape()).isEqualTo(Shape.of(28, 28, 1));
        assertThat(d.label(0).getAsInt()).isEqualTo(2); // "2/b.png" sorts first
        assertThat(d.sample(1).maxAbsDifference(a)).isLessThan(0.5 / 255 + 1e-6);
    }

    @Test
    void missingAndCorruptFilesSayWhat() throws Exception {
        assertThatThrownBy(() -> Datasets.load("classpath:/nope.npy", "", Double.NaN))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("No classpath resource /nope.npy");
        Path bad = dir.resolve("bad-ubyte");
        Files.write(bad, new byte[] {0, 0, 8, 3, 0, 0, 0, 5, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2});
        assertThatThrownBy(() -> Datasets.load(bad.toString(), "", Double.NaN))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("is truncated");
    }
}
