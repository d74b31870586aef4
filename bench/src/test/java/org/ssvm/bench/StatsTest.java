package org.ssvm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void medianOfOddCountIsTheMiddleValue() {
        assertEquals(2.0, Stats.median(List.of(9.0, 1.0, 2.0)));
    }

    @Test
    void medianOfEvenCountIsTheMeanOfTheMiddlePair() {
        assertEquals(2.5, Stats.median(List.of(4.0, 1.0, 3.0, 2.0)));
    }

    @Test
    void geometricMeanOfRatios() {
        assertEquals(4.0, Stats.geometricMean(List.of(2.0, 8.0)), 1e-12);
        assertEquals(10.0, Stats.geometricMean(List.of(1.0, 10.0, 100.0)), 1e-9);
    }

    @Test
    void emptyOrNonPositiveInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Stats.median(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Stats.geometricMean(List.of(1.0, 0.0)));
    }
}
