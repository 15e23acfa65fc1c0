package io.storywatch.stage.tag;

import java.util.List;
import java.util.Optional;

/** The quotations of an article, in the order they open; a quotation may lie inside another (a quote in an answer). */
record Quotations(List<Quotation> all) {

    static final Quotations NONE = new Quotations(List.of());

    Quotations {
        all = List.copyOf(all);
    }

    /** The innermost quotation around {@code position} whose speaker is known, if any encloses it. */
    Optional<Quotation> voicedAround(int position) {
        Quotation best = null;
        for (Quotation quotation : all) {
            if (quotation.contains(position) && quotation.knowsItsSpeaker()
                    && (best == null || quotation.end() - quotation.start() < best.end() - best.start())) {
                best = quotation;
            }
        }
        return Optional.ofNullable(best);
    }
}
