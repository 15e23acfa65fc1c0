package io.storywatch.event;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.util.List;

/**
 * One sentence of an article's text, [start, end) in UTF-16 code units, with its tokens (none in records that have
 * only sentence text). On the wire the tokens are one compact string, see {@link SentenceJson}.
 */
@JsonSerialize(using = SentenceJson.Writer.class)
@JsonDeserialize(using = SentenceJson.Reader.class)
public record Sentence(int index, int start, int end, String text, List<Token> tokens) {

    public Sentence {
        tokens = tokens == null ? List.of() : tokens;
    }
}
