package io.storywatch.stage.tag;

import io.storywatch.event.Token;
import java.util.List;

/** A bare 公司 that stands for a company in focus: no modifier before it, no name after it. */
final class BareOrganisationNoun {

    private BareOrganisationNoun() {
    }

    static boolean isBare(List<Token> tokens, int i, TaggerLexicon lexicon) {
        if (!lexicon.bareOrganisationNouns().contains(tokens.get(i).word())) {
            return false;
        }
        if (i > 0) {
            Token previous = tokens.get(i - 1);
            String pos = previous.pos();
            boolean modifier = pos.startsWith("n") || pos.startsWith("a") || pos.equals("b") || pos.startsWith("m")
                    || pos.equals("vi")
                    || pos.startsWith("q") || pos.startsWith("g") || pos.equals("vn") || pos.startsWith("r")
                    || pos.equals("ude1") && i > 1 && !tokens.get(i - 2).pos().startsWith("w");
            if (modifier || previous.end() != tokens.get(i).start() && !previous.pos().startsWith("w")) {
                return false;
            }
        }
        if (i + 1 < tokens.size()) {
            String next = tokens.get(i + 1).pos();
            return !(next.equals("nx") || next.startsWith("nr") || next.startsWith("nt"));
        }
        return true;
    }
}
