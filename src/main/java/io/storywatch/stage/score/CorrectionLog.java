package io.storywatch.stage.score;

import io.storywatch.event.CorrectionMade;
import java.util.ArrayList;
import java.util.List;

/** Every correction made to one article, in log order: what the score stage's corrections table keeps per article. */
public record CorrectionLog(List<CorrectionMade> corrections) {

    public CorrectionLog {
        corrections = corrections == null ? List.of() : List.copyOf(corrections);
    }

    static CorrectionLog empty() {
        return new CorrectionLog(List.of());
    }

    CorrectionLog with(CorrectionMade correction) {
        List<CorrectionMade> all = new ArrayList<>(corrections);
        all.add(correction);
        return new CorrectionLog(all);
    }
}
