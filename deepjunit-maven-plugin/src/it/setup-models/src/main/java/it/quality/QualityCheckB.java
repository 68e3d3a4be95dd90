package it.quality;

public class QualityCheckB extends QualityCheckBase {

    @Override
    long seed() {
        return 4;
    }
}
