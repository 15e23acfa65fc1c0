package io.storywatch.stage.score.encoder;

/** A tokenized text with the encoder's vector for each of its tokens ({@code states[token][dimension]}). */
public record EncodedText(TokenizedText tokens, float[][] states) {

    public int dimensions() {
        return states.length == 0 ? 0 : states[0].length;
    }
}
