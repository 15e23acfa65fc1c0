package io.storywatch.stage.tag;

import io.storywatch.event.Token;

/** A word that refers to an entity without naming it, by kind: each kind has its own resolver. */
sealed interface Anaphor {

    int start();

    int end();

    /** An anaphor of one word, a pronoun of the lexicon. */
    sealed interface Word extends Anaphor {
        Token token();

        TaggerLexicon.Pronoun pronoun();

        default int start() {
            return token().start();
        }

        default int end() {
            return token().end();
        }
    }

    /** 首席科学家, 这位CEO: a role noun of the story. */
    record RoleNoun(int start, int end) implements Anaphor {
    }

    /** 他, 她, 他们, 她们. */
    record Personal(Token token, TaggerLexicon.Pronoun pronoun) implements Word {
    }

    /** 我, 我们: whoever was introduced as speaking, or the organisation they speak for. */
    record Speaker(Token token, TaggerLexicon.Pronoun pronoun) implements Word {
    }

    /** 你, 您, 你们: in an interviewer's question, the one who answers, or the organisation they answer for. */
    record Addressee(Token token, TaggerLexicon.Pronoun pronoun) implements Word {
    }

    /** 两人, 二人, 师徒俩: two people at once. */
    record Pair(int start, int end) implements Anaphor {
    }

    /** 后者, 前者: the latter or the former of the referents just before. */
    record Ordinal(Token token, TaggerLexicon.Pronoun pronoun) implements Word {
    }

    /** 该公司, 这家人工智能初创公司, a bare 公司. */
    record OrganisationReference(int start, int end) implements Anaphor {
    }
}
