package io.storywatch.stage.tag;

/**
 * A stretch of reported words (a quotation, the words after 说：, an interview turn) and what says whose they are:
 * {@code speakerAt}, the start of the word naming the speaker (a name, a pronoun, a role noun), when the voice is
 * {@link Voice#WORD} or {@link Voice#CONTINUED}.
 */
record Quotation(int start, int end, Voice voice, int speakerAt) {

    /** How the speaker of a quotation is known. */
    enum Voice {
        /** A word before or after the quotation names the speaker. */
        WORD,
        /** The quotation goes on from one before it whose speaker a word names. */
        CONTINUED,
        /** An interview answer ("A："/"答：") with no name: the interviewee, the article's main player. */
        ANSWERER,
        /** An interviewer's question ("Q："/"记者："): someone outside the story. */
        INTERVIEWER,
        /** Nothing says who speaks. */
        UNKNOWN
    }

    boolean contains(int position) {
        return position >= start && position < end;
    }

    boolean knowsItsSpeaker() {
        return voice != Voice.UNKNOWN;
    }

    Quotation continuedAs(int nextStart, int nextEnd) {
        return new Quotation(nextStart, nextEnd, voice == Voice.WORD ? Voice.CONTINUED : voice, speakerAt);
    }
}
