package io.storywatch.stage.tag;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Step 7b: the quotations of an article and who speaks each: “…” and 「…」 with the speaker named before
 * (奥特曼表示：“…”) or after (“…”，奥特曼说), words after a speech verb and a colon, interview turns (奥特曼：…, A：…,
 * 记者：…), and blocks a colon at the end of a paragraph introduces (以下是她的公开信全文：). A quotation without a
 * speaker of its own goes on from the one just before, as does a quotation that runs over several paragraphs.
 */
final class QuotationFinder {

    private static final String SENTENCE_ENDS = "。！？!?\n";
    /** Characters between a closing quotation mark and the name of a speaker after the quotation. */
    private static final int AFTER_REACH = 3;
    /** Characters from a speaker's name after a quotation to the speech verb. */
    private static final int VERB_REACH = 15;
    /** Longest turn label before a colon at the start of a paragraph (奥特曼：, 主持人巴里·韦斯：). */
    private static final int LABEL_REACH = 20;
    /** Longest name label (萨姆·奥特曼：, Sam Altman:); a longer start before a colon is a sentence, not a turn. */
    private static final int NAME_LABEL_LENGTH = 12;
    /** Characters from a person's name to a speech verb that reports their words (奥特曼周三在采访中表示). */
    private static final int SPEECH_REACH = 12;

    private final ArticleView view;
    private final String text;
    private final TaggerLexicon lexicon;
    private final int[] speakerWords;
    private final BitSet personWords;

    /**
     * {@code speakerWords}: where the words start that can name a speaker (names, pronouns, role nouns, anaphors);
     * {@code personWords}: those of them that name a third person (a person's name, 他, 她), not 我 or an organisation.
     */
    QuotationFinder(ArticleView view, TaggerLexicon lexicon, int[] speakerWords, BitSet personWords) {
        this.view = view;
        this.text = view.text;
        this.lexicon = lexicon;
        this.speakerWords = speakerWords.clone();
        Arrays.sort(this.speakerWords);
        this.personWords = (BitSet) personWords.clone();
    }

    Quotations find() {
        List<Quotation> found = new ArrayList<>();
        Quotation block = null;
        Quotation lastQuote = null;
        boolean lastQuoteUnclosed = false;
        for (int start = 0; start <= text.length(); ) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end;
            int labelColon = labelColon(start, end);
            if (labelColon >= 0) {
                Quotation turn = turn(start, labelColon, end);
                found.add(turn);
                block = turn;
            } else if (block != null && block.voice() != Quotation.Voice.CONTINUED && reportsSpeech(start, end)) {
                block = null;
            } else if (block != null) {
                found.add(block.continuedAs(start, end));
            }
            for (int colon = start; colon < end; colon++) {
                if (colon != labelColon && isColon(colon) && !opensQuote(colon + 1, end)) {
                    Quotation reported = colonSpeech(colon, end);
                    if (reported != null) {
                        found.add(reported);
                        if (reported.start() >= end) {
                            block = new Quotation(end, end, Quotation.Voice.WORD, reported.speakerAt());
                        }
                    }
                }
            }
            int previousClose = start;
            for (int open = start; open < end; open++) {
                char mark = text.charAt(open);
                if (mark != '“' && mark != '「' && mark != '"') {
                    continue;
                }
                int close = text.indexOf(closerOf(mark), open + 1);
                boolean unclosed = close < 0 || close > end;
                int quoteEnd = unclosed ? end : close + 1;
                Quotation quote;
                if (open == start && lastQuoteUnclosed && lastQuote != null) {
                    quote = lastQuote.continuedAs(open, quoteEnd);
                } else {
                    quote = quote(open, quoteEnd, Math.max(previousClose, sentenceStart(open)), lastQuote);
                }
                found.add(quote);
                lastQuote = quote;
                lastQuoteUnclosed = unclosed;
                previousClose = quoteEnd;
                open = quoteEnd - 1;
            }
            start = end + 1;
        }
        return new Quotations(found);
    }

    /** Where the colon of a turn label at the paragraph's start is, or -1. */
    private int labelColon(int start, int end) {
        int limit = Math.min(end, start + LABEL_REACH + 1);
        for (int i = start; i < limit; i++) {
            char c = text.charAt(i);
            if ("。！？，,“”\"「」".indexOf(c) >= 0) {
                return -1;
            }
            if (isColon(i)) {
                String label = baseLabel(text.substring(start, i).strip());
                boolean named = firstSpeakerWord(start, i) >= 0 && label.length() <= NAME_LABEL_LENGTH
                        && label.indexOf('的') < 0 && !containsSpeechVerb(label);
                return label.isEmpty() || !(named || lexicon.interviewerLabels().contains(label)
                        || lexicon.answererLabels().contains(label) || startsAsInterviewer(label)) ? -1 : i;
            }
        }
        return -1;
    }

    private Quotation turn(int start, int colon, int end) {
        String label = baseLabel(text.substring(start, colon).strip());
        int speaker = firstSpeakerWord(start, colon);
        if (lexicon.interviewerLabels().contains(label) || startsAsInterviewer(label)) {
            return new Quotation(colon + 1, end, Quotation.Voice.INTERVIEWER, -1);
        }
        if (speaker >= 0) {
            return new Quotation(colon + 1, end, Quotation.Voice.WORD, speaker);
        }
        return new Quotation(colon + 1, end, Quotation.Voice.ANSWERER, -1);
    }

    /** The words after 表示： to the end of the paragraph, or null when no speech verb or speaker comes before. */
    private Quotation colonSpeech(int colon, int end) {
        int clauseStart = sentenceStart(colon);
        String clause = text.substring(clauseStart, colon).strip();
        boolean atParagraphEnd = text.substring(colon + 1, end).isBlank();
        int speaker = speakerIn(clauseStart, colon);
        if (speaker < 0 || !(endsWithSpeechVerb(clause) || atParagraphEnd)) {
            return null;
        }
        return new Quotation(atParagraphEnd ? end : colon + 1, end, Quotation.Voice.WORD, speaker);
    }

    private Quotation quote(int open, int end, int clauseStart, Quotation lastQuote) {
        int last = open - 1;
        while (last >= clauseStart && Character.isWhitespace(text.charAt(last))) {
            last--;
        }
        String before = text.substring(clauseStart, open).strip();
        if (last >= clauseStart && (endsWithSpeechVerb(trimPunctuation(before)) || isColon(last))) {
            int speaker = speakerIn(clauseStart, open);
            if (speaker >= 0) {
                return new Quotation(open, end, Quotation.Voice.WORD, speaker);
            }
        }
        int after = speakerAfter(end);
        if (after >= 0) {
            return new Quotation(open, end, Quotation.Voice.WORD, after);
        }
        if (lastQuote != null && lastQuote.knowsItsSpeaker()
                && view.sentenceIndex(open) - view.sentenceIndex(Math.max(lastQuote.start(), lastQuote.end() - 1)) <= 1) {
            return lastQuote.continuedAs(open, end);
        }
        return new Quotation(open, end, Quotation.Voice.UNKNOWN, -1);
    }

    /** A speaker named just after the quotation and followed by a speech verb: “…”，奥特曼在推特上写道. */
    private int speakerAfter(int end) {
        int p = end;
        while (p < text.length() && p < end + AFTER_REACH && "，, 　".indexOf(text.charAt(p)) >= 0) {
            p++;
        }
        int word = firstSpeakerWord(p, Math.min(text.length(), p + AFTER_REACH));
        if (word < 0) {
            return -1;
        }
        int limit = Math.min(text.length(), word + VERB_REACH);
        for (int i = word; i < limit; i++) {
            if ("。！？“\n".indexOf(text.charAt(i)) >= 0) {
                return -1;
            }
            if (speechVerbAt(i)) {
                return word;
            }
        }
        return -1;
    }

    /**
     * The speaker word of a clause: in the first comma-delimited part that holds one and does not frame the clause
     * (据彭博社报道，… ; 在谈到马斯克时，…), the first person, else the first word (OpenAI CEO Sam Altman 表示 -> Sam
     * Altman; 奥特曼对布罗克曼说 -> 奥特曼).
     */
    private int speakerIn(int start, int end) {
        int fallback = -1;
        int part = start;
        while (part < end) {
            int partEnd = part;
            while (partEnd < end && "，,；;".indexOf(text.charAt(partEnd)) < 0) {
                partEnd++;
            }
            int word = firstSpeakerWord(part, partEnd);
            if (word >= 0) {
                int person = firstPersonWord(part, partEnd);
                int chosen = person >= 0 ? person : word;
                if (!frames(text.substring(part, partEnd).strip())) {
                    return chosen;
                }
                fallback = fallback < 0 ? chosen : fallback;
            }
            part = partEnd + 1;
        }
        return fallback;
    }

    private boolean frames(String part) {
        for (String edge : lexicon.framingClauseEdges()) {
            if (edge.startsWith("-") ? part.endsWith(edge.substring(1)) : part.startsWith(edge.substring(0, edge.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    private int firstPersonWord(int start, int end) {
        for (int w = firstSpeakerWord(start, end); w >= 0; w = firstSpeakerWord(w + 1, end)) {
            if (personWords.get(w)) {
                return w;
            }
        }
        return -1;
    }

    /** Whether a paragraph reports someone's words (奥特曼表示…): narration has resumed after a quoted block. */
    private boolean reportsSpeech(int start, int end) {
        for (int w = firstSpeakerWord(start, end); w >= 0; w = firstSpeakerWord(w + 1, end)) {
            if (personWords.get(w)) {
                int limit = Math.min(end, w + SPEECH_REACH);
                for (int i = w; i < limit; i++) {
                    if (speechVerbAt(i)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private int firstSpeakerWord(int start, int end) {
        int i = Arrays.binarySearch(speakerWords, start);
        i = i < 0 ? -i - 1 : i;
        return i < speakerWords.length && speakerWords[i] < end ? speakerWords[i] : -1;
    }

    private boolean speechVerbAt(int i) {
        for (String verb : lexicon.speechVerbs()) {
            if (text.startsWith(verb, i)) {
                return true;
            }
        }
        return false;
    }

    private boolean containsSpeechVerb(String s) {
        return lexicon.speechVerbs().stream().anyMatch(s::contains);
    }

    private boolean endsWithSpeechVerb(String clause) {
        String s = clause.endsWith("道") ? clause.substring(0, clause.length() - 1) : clause;
        return lexicon.speechVerbs().stream().anyMatch(s::endsWith);
    }

    private static String trimPunctuation(String s) {
        int end = s.length();
        while (end > 0 && "，,：: 　".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(0, end);
    }

    private boolean isColon(int i) {
        char c = text.charAt(i);
        if (c == '：') {
            return true;
        }
        return c == ':' && (i == 0 || !Character.isDigit(text.charAt(i - 1))) && !view.insideUrl(i, i + 1);
    }

    private boolean opensQuote(int from, int end) {
        int p = from;
        while (p < end && Character.isWhitespace(text.charAt(p))) {
            p++;
        }
        return p < end && "“「\"".indexOf(text.charAt(p)) >= 0;
    }

    private int sentenceStart(int position) {
        int i = position - 1;
        while (i >= 0 && SENTENCE_ENDS.indexOf(text.charAt(i)) < 0) {
            i--;
        }
        return i + 1;
    }

    private boolean startsAsInterviewer(String label) {
        return lexicon.interviewerLabels().stream().anyMatch(l -> l.length() > 1 && label.startsWith(l));
    }

    /** A label without what is in brackets: A（奥特曼） -> A. */
    private static String baseLabel(String label) {
        return label.replaceAll("[（(][^）)]*[）)]", "").strip();
    }

    private static char closerOf(char open) {
        return open == '“' ? '”' : open == '「' ? '」' : '"';
    }
}
