package dev.facetype.cli.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How the processors are shared among concurrent predictions. */
class WebSettingsTest {

    @Test
    void eachPredictionGetsItsShareOfTheProcessors() {
        assertEquals(1, WebSettings.computeThreadsPerPrediction(2, 2), "the default on 2 processors: one each");
        assertEquals(2, WebSettings.computeThreadsPerPrediction(1, 2), "one slot keeps every processor");
        assertEquals(4, WebSettings.computeThreadsPerPrediction(2, 8));
        assertEquals(2, WebSettings.computeThreadsPerPrediction(3, 8), "rounded down");
        assertEquals(1, WebSettings.computeThreadsPerPrediction(4, 2), "more slots than processors: still one");
    }

    @Test
    void theDefaultSettingsGiveOneThreadPerSlotWhenThereIsASlotPerProcessor() {
        WebSettings settings = WebSettings.defaults();
        int processors = Runtime.getRuntime().availableProcessors();
        assertEquals(Math.max(1, processors / settings.maxConcurrentPredictions()),
                settings.computeThreadsPerPrediction());
    }
}
