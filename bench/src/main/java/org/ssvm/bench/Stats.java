package org.ssvm.bench;

import java.util.Arrays;
import java.util.List;

/** The two statistics of the report: the median of a cell's runs and the geometric mean of ratios. */
final class Stats {
    private Stats() {}

    /** The median; for an even count, the mean of the two middle values. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("median of no values");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The geometric mean of positive values, computed through logarithms so long products cannot overflow. */
    static double geometricMean(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("geometric mean of no values");
        }
        double logSum = 0;
        for (double v : values) {
            if (!(v > 0)) {
                throw new IllegalArgumentException("geometric mean needs positive values, got " + v);
            }
            logSum += Math.log(v);
        }
        return Math.exp(logSum / values.size());
    }
}
