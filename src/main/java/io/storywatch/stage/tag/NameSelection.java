package io.storywatch.stage.tag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Step 2: of overlapping name candidates the leftmost, then the longest, wins. */
final class NameSelection {

    private NameSelection() {
    }

    static List<NameHit> longestLeftmost(List<NameHit> candidates) {
        List<NameHit> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingInt(NameHit::start)
                .thenComparing(Comparator.comparingInt(NameHit::length).reversed()));
        List<NameHit> chosen = new ArrayList<>();
        int reached = 0;
        for (NameHit hit : sorted) {
            if (hit.start() >= reached) {
                chosen.add(hit);
                reached = hit.end();
            }
        }
        return List.copyOf(chosen);
    }
}
