package it.quality;

public class QualityCheckA extends QualityCheckBase {

    @Override
    long seed() {
        return 3;
    }
}
