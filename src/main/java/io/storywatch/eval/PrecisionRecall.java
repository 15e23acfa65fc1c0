package io.storywatch.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/** True positive, false positive and false negative counts and the precision, recall and F1 they give. */
final class PrecisionRecall {

    long tp;
    long fp;
    long fn;

    double precision() {
        return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    }

    double recall() {
        return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    }

    double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("precision", round(precision()));
        map.put("recall", round(recall()));
        map.put("f1", round(f1()));
        map.put("tp", tp);
        map.put("fp", fp);
        map.put("fn", fn);
        return map;
    }

    String line() {
        return String.format("P %.3f  R %.3f  F1 %.3f  (tp %d, fp %d, fn %d)", precision(), recall(), f1(), tp, fp, fn);
    }

    static double round(double value) {
        return Math.round(value * 10000) / 10000.0;
    }
}
