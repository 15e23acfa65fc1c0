package io.storywatch.story;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.py.Pinyin;
import com.hankcs.hanlp.seg.common.Term;
import io.storywatch.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The starting file of a team's own story, written from its players and camps with a comment on every field, so that
 * a story can be begun without reading the format first: what {@code story init} writes. The file it writes is a
 * valid story; what makes it a good one (aliases, cues, keywords) is left to the team, marked TODO.
 */
public final class StoryTemplate {

    /** A camp as given on the command line: {@code ID=NAME}, e.g. {@code build=建坝派}. */
    public record Camp(String id, String name) {
    }

    /**
     * A player as given on the command line: {@code [ID=]NAME[,ALIAS...][@CAMP...]}, e.g. {@code 魏长河,魏总@build}.
     *
     * @param id the entity id, or null to derive it from the name
     */
    public record Player(String id, String type, String name, List<String> aliases, List<String> camps) {
    }

    private static final Pattern CAMP = Pattern.compile("([^=]+)=(.+)");
    private static final Pattern PLAYER = Pattern.compile("(?:([a-z0-9-]+)=)?([^@]+)((?:@[^@]+)*)");
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final String id;
    private final String title;
    private final String language;
    private final List<Camp> camps;
    private final List<Player> players;

    /**
     * @param language the language the names are written in ({@code zh}, {@code en}, ...)
     * @throws IllegalArgumentException naming what cannot become a valid story (an unknown camp, a bad id)
     */
    public StoryTemplate(String id, String title, String language, List<Camp> camps, List<Player> players) {
        this.id = id;
        this.title = title;
        this.language = language;
        this.camps = List.copyOf(camps);
        this.players = withIds(players);
        check();
    }

    /** Reads {@code ID=NAME}. */
    public static Camp camp(String option) {
        Matcher m = CAMP.matcher(option.strip());
        if (!m.matches() || m.group(2).isBlank()) {
            throw new IllegalArgumentException("--camp " + option + ": expected ID=NAME, e.g. build=建坝派");
        }
        return new Camp(m.group(1).strip(), m.group(2).strip());
    }

    /** Reads {@code [ID=]NAME[,ALIAS...][@CAMP...]} as a player of the given type. */
    public static Player player(String type, String option) {
        Matcher m = PLAYER.matcher(option.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("--" + (StoryEntity.PERSON.equals(type) ? "person" : "org") + " "
                    + option + ": expected [ID=]NAME[,ALIAS...][@CAMP...], e.g. 魏长河,魏总@build");
        }
        List<String> names = new ArrayList<>();
        for (String name : m.group(2).split("[,，]")) {
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("--" + type + " " + option + ": no name");
        }
        List<String> camps = new ArrayList<>();
        for (String camp : m.group(3).split("@")) {
            if (!camp.isBlank()) {
                camps.add(camp.strip());
            }
        }
        return new Player(m.group(1), type, names.get(0), names.subList(1, names.size()), camps);
    }

    private void check() {
        List<String> problems = new ArrayList<>();
        if (id == null || !ID.matcher(id).matches()) {
            problems.add("story id \"" + id + "\" must be lower-case words joined by '-', e.g. harbour-strike");
        }
        if (players.isEmpty()) {
            problems.add("no players: give at least one --person or --org");
        }
        Set<String> campIds = new HashSet<>();
        for (Camp camp : camps) {
            if (!ID.matcher(camp.id()).matches()) {
                problems.add("camp id \"" + camp.id() + "\" must be lower-case words joined by '-'");
            } else if (!campIds.add(camp.id())) {
                problems.add("camp \"" + camp.id() + "\" is given twice");
            }
        }
        Set<String> playerIds = new HashSet<>();
        for (Player player : players) {
            if (!ID.matcher(player.id()).matches()) {
                problems.add(player.name() + ": id \"" + player.id() + "\" must be lower-case words joined by '-'");
            } else if (!playerIds.add(player.id())) {
                problems.add(player.name() + ": id \"" + player.id() + "\" is taken; give one as ID=NAME");
            }
            for (String camp : player.camps()) {
                if (!campIds.contains(camp)) {
                    problems.add(player.name() + ": unknown camp \"" + camp + "\"; the camps are " + campIds);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** The players, each with an id: the given one, else one made of the name (its pinyin for Chinese). */
    private static List<Player> withIds(List<Player> players) {
        List<Player> named = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        players.stream().map(Player::id).filter(i -> i != null).forEach(taken::add);
        for (Player player : players) {
            String id = player.id();
            if (id == null) {
                String base = idOf(player.name(), StoryEntity.PERSON.equals(player.type()));
                id = base;
                for (int n = 2; taken.contains(id); n++) {
                    id = base + "-" + n;
                }
            }
            taken.add(id);
            named.add(new Player(id, player.type(), player.name(), player.aliases(), player.camps()));
        }
        return named;
    }

    /**
     * An id made of a name: Latin letters and digits lower-cased, Chinese characters as pinyin, parts joined by '-';
     * a Chinese person's name of two to four characters as surname and given name ({@code 魏长河} → wei-changhe),
     * an organisation's Chinese name word by word ({@code 清河水利集团} → qinghe-shuili-jituan).
     */
    static String idOf(String name, boolean person) {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("[\\s·•・‧.\\-_/()（）]+")) {
            if (part.isEmpty()) {
                continue;
            }
            boolean chinese = part.chars().allMatch(c -> NameText.isCjk((char) c));
            if (!chinese) {
                parts.add(latin(part));
            } else if (person && part.length() >= 2 && part.length() <= 4 && parts.isEmpty()) {
                parts.add(pinyin(part.substring(0, 1)));
                parts.add(pinyin(part.substring(1)));
            } else {
                for (Term word : HanLP.segment(part)) {
                    parts.add(pinyin(word.word));
                }
            }
        }
        String id = String.join("-", parts).replaceAll("-+", "-").replaceAll("^-|-$", "");
        return id.isEmpty() ? (person ? "person" : "organization") : id;
    }

    private static String pinyin(String text) {
        StringBuilder syllables = new StringBuilder();
        List<Pinyin> pinyin = HanLP.convertToPinyinList(text);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (NameText.isCjk(c) && i < pinyin.size() && pinyin.get(i) != Pinyin.none5) {
                syllables.append(pinyin.get(i).getPinyinWithoutTone().replace("ü", "v"));
            } else {
                syllables.append(latin(String.valueOf(c)));
            }
        }
        return syllables.toString();
    }

    private static String latin(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    /** The story file: JSON with a comment on each field, valid as written. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("// A story for storywatch, begun by `storywatch story init`; the format is docs/story-format.md.\n")
                .append("// Fill in what says TODO, check the file with `storywatch story validate FILE`, and follow\n")
                .append("// the story with `storywatch run --story FILE`. Comments (// ...) may stay in the file.\n")
                .append("{\n")
                .append("  // the story's stable id: its key on news.stories and in every record; keep it once published\n")
                .append("  \"id\": ").append(str(id)).append(",\n")
                .append("  // raise it with every edit: the stages know a story by id and version\n")
                .append("  \"version\": \"1\",\n")
                .append("  // the dashboard's title, per language (the page shows the one its reader chose)\n")
                .append("  \"title\": {").append(str(language)).append(": ").append(str(title == null ? id : title))
                .append("},\n")
                .append("  // TODO: words whose presence makes an article part of this story (its relevance)\n")
                .append("  \"keywords\": {").append(str(language)).append(": []},\n")
                .append("  // ordinary words of the coverage that must never be taken for names\n")
                .append("  \"commonWords\": [],\n")
                .append("  // the players: every person and organization whose portrayal is followed\n")
                .append("  \"entities\": [\n");
        for (int i = 0; i < players.size(); i++) {
            renderPlayer(players.get(i), i == 0, out);
            out.append(i + 1 < players.size() ? ",\n" : "\n");
        }
        out.append("  ],\n")
                .append("  // the camps: how each is portrayed is aggregated over its members, per hour and per day\n")
                .append("  \"factions\": [\n");
        for (int i = 0; i < camps.size(); i++) {
            Camp camp = camps.get(i);
            List<String> members = players.stream().filter(p -> p.camps().contains(camp.id())).map(Player::id).toList();
            out.append("    {\"id\": ").append(str(camp.id())).append(", \"names\": {").append(str(language))
                    .append(": ").append(str(camp.name())).append("},\n")
                    .append(i == 0 ? "     // members may be bounded by dates: {\"id\": \"...\", \"validFrom\": "
                            + "\"2024-01-01\"}\n" : "")
                    .append("     \"members\": [");
            for (int m = 0; m < members.size(); m++) {
                out.append(m > 0 ? ", " : "").append("{\"id\": ").append(str(members.get(m))).append('}');
            }
            out.append("]}").append(i + 1 < camps.size() ? ",\n" : "\n");
        }
        out.append("  ]\n}\n");
        String text = out.toString();
        Stories.parse(text, "the file story init writes"); // a template that does not validate is a bug here
        return text;
    }

    /** One entity; the first one with a comment on every field, the others only with their TODOs. */
    private void renderPlayer(Player player, boolean explain, StringBuilder out) {
        boolean person = StoryEntity.PERSON.equals(player.type());
        String indent = "      ";
        out.append("    {\n")
                .append(indent).append("\"id\": ").append(str(player.id())).append(", \"type\": ")
                .append(str(player.type())).append(",\n");
        if (person) {
            out.append(indent).append("// TODO: \"gender\": \"male\" or \"female\" lets 他 / 她 find this person\n");
        }
        if (explain) {
            out.append(indent).append("// full names, always accepted; add other languages' names, e.g. \"en\": [\"...\"]\n");
        }
        out.append(indent).append("\"names\": {").append(str(language)).append(": [").append(str(player.name()))
                .append("]},\n");
        if (explain) {
            out.append(indent).append("// further names that mean only this one in this story (a surname with a title, ")
                    .append("a short name)\n");
        }
        out.append(indent).append("\"aliases\": {").append(str(language)).append(": [");
        for (int a = 0; a < player.aliases().size(); a++) {
            out.append(a > 0 ? ", " : "").append(str(player.aliases().get(a)));
        }
        out.append("]},\n");
        if (explain) {
            out.append(indent).append("// names that also mean others (a given name alone, a common word): they count ")
                    .append("only in context\n");
        }
        out.append(indent).append("\"ambiguousAliases\": {},\n")
                .append(indent).append("// TODO: words nearby that confirm this one (positive) or point to a namesake ")
                .append("(negative)\n")
                .append(indent).append("\"cues\": {\"positive\": [], \"negative\": []},\n");
        if (explain) {
            out.append(indent).append("// role nouns that refer to it without naming it, e.g.\n")
                    .append(indent).append("// {\"nouns\": [\"董事长\"], \"organization\": \"an-org-id\", ")
                    .append("\"validFrom\": \"2024-01-01\"}\n");
        }
        out.append(indent).append("\"roles\": []\n")
                .append("    }");
    }

    private static String str(String value) {
        return Json.toString(value);
    }
}
