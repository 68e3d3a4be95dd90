package it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deepjunit.NeuronCoverage;
import org.deepjunit.TestModel;
import org.deepjunit.model.Model;
import org.junit.jupiter.api.Test;

@NeuronCoverage
public class ATest {

    @TestModel("tiny")
    static Model tiny() {
        return Tiny.model();
    }

    @Test
    void classifies(@TestModel("tiny") Model tiny) {
        assertEquals(10, tiny.predict(Tiny.inputs(1, 10)).batchSize());
    }
}
