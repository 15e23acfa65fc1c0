package io.storywatch.story;

import io.storywatch.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Reads story definitions from JSON and refuses the ones the tagger could not use, saying why. */
public final class Stories {

    /** Classpath resource of the story storywatch follows when none is given. */
    public static final String DEFAULT_RESOURCE = "/stories/openai-governance.json";

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Set<String> TYPES = Set.of(StoryEntity.PERSON, StoryEntity.ORGANIZATION);
    private static final Set<String> GENDERS = Set.of("male", "female");

    private Stories() {
    }

    /** The bundled OpenAI governance story. */
    public static StoryDefinition defaultStory() {
        try (InputStream in = Stories.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static StoryDefinition load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read story " + file, e);
        }
    }

    /** Parses and validates; {@code origin} names the source in error messages. */
    public static StoryDefinition parse(String json, String origin) {
        StoryDefinition story;
        try {
            story = Json.fromString(json, StoryDefinition.class);
        } catch (UncheckedIOException e) {
            throw new InvalidStoryException(origin, List.of("not a story definition: " + rootMessage(e)));
        }
        List<String> problems = problems(story);
        if (!problems.isEmpty()) {
            throw new InvalidStoryException(origin, problems);
        }
        return story;
    }

    public static String toJson(StoryDefinition story) {
        return Json.toString(story);
    }

    /** Everything wrong with a story, empty when it can be used. */
    public static List<String> problems(StoryDefinition story) {
        List<String> problems = new ArrayList<>();
        if (blank(story.id())) {
            problems.add("story id is missing");
        } else if (!ID.matcher(story.id()).matches()) {
            problems.add("story id \"" + story.id() + "\" must be lower-case words joined by '-'");
        }
        if (blank(story.version())) {
            problems.add("story version is missing");
        }
        if (story.entities().isEmpty()) {
            problems.add("story has no entities");
        }
        Map<String, StoryEntity> byId = new HashMap<>();
        for (StoryEntity entity : story.entities()) {
            String where = "entity " + (entity.id() == null ? "(no id)" : "\"" + entity.id() + "\"");
            if (blank(entity.id()) || !ID.matcher(entity.id()).matches()) {
                problems.add(where + ": id must be lower-case words joined by '-'");
            } else if (byId.putIfAbsent(entity.id(), entity) != null) {
                problems.add(where + ": duplicate entity id");
            }
            if (!TYPES.contains(entity.type())) {
                problems.add(where + ": type must be person or organization, not " + entity.type());
            }
            if (entity.gender() != null && !GENDERS.contains(entity.gender())) {
                problems.add(where + ": gender must be male or female, not " + entity.gender());
            }
            if (entity.names().values().stream().allMatch(List::isEmpty)) {
                problems.add(where + ": has no names");
            }
            for (String name : concat(entity.unambiguousNames(), entity.allAmbiguousAliases())) {
                if (blank(name)) {
                    problems.add(where + ": has an empty name or alias");
                }
            }
            for (Role role : entity.roles()) {
                if (role.nouns().isEmpty() || role.nouns().stream().anyMatch(Stories::blank)) {
                    problems.add(where + ": a role has no nouns or an empty noun");
                }
                checkDates(where + " role " + role.nouns(), role.validFrom(), role.validTo(), problems);
            }
        }
        for (StoryEntity entity : story.entities()) {
            String where = "entity \"" + entity.id() + "\"";
            for (Role role : entity.roles()) {
                if (role.organization() != null && !isOrganization(byId.get(role.organization()))) {
                    problems.add(where + ": role organization \"" + role.organization()
                            + "\" is not an organization of the story");
                }
            }
            if (entity.partOf() != null && !isOrganization(byId.get(entity.partOf()))) {
                problems.add(where + ": partOf \"" + entity.partOf() + "\" is not an organization of the story");
            }
            for (String body : entity.memberOf()) {
                if (!isOrganization(byId.get(body)) || body.equals(entity.id())) {
                    problems.add(where + ": memberOf \"" + body + "\" is not another organization of the story");
                }
            }
            if (!entity.memberOf().isEmpty() && !entity.isPerson()) {
                problems.add(where + ": only a person can be memberOf an organization");
            }
        }
        checkSharedAliases(story, problems);
        Set<String> factionIds = new HashSet<>();
        for (Faction faction : story.factions()) {
            String where = "faction " + (faction.id() == null ? "(no id)" : "\"" + faction.id() + "\"");
            if (blank(faction.id()) || !ID.matcher(faction.id()).matches()) {
                problems.add(where + ": id must be lower-case words joined by '-'");
            } else if (!factionIds.add(faction.id())) {
                problems.add(where + ": duplicate faction id");
            }
            for (FactionMember member : faction.members()) {
                if (!byId.containsKey(member.id())) {
                    problems.add(where + ": unknown member \"" + member.id() + "\"");
                }
                checkDates(where + " member \"" + member.id() + "\"", member.validFrom(), member.validTo(), problems);
            }
        }
        return problems;
    }

    /**
     * A name shared by two entities can only be resolved from context, so each of them needs positive cues; a name
     * that is unambiguous for both can never be resolved.
     */
    private static void checkSharedAliases(StoryDefinition story, List<String> problems) {
        Map<String, List<StoryEntity>> owners = new TreeMap<>();
        Map<String, List<Boolean>> ambiguous = new HashMap<>();
        for (StoryEntity entity : story.entities()) {
            Set<String> seen = new HashSet<>();
            for (String name : entity.unambiguousNames()) {
                String key = matchKey(name);
                if (!blank(key) && seen.add(key)) {
                    owners.computeIfAbsent(key, k -> new ArrayList<>()).add(entity);
                    ambiguous.computeIfAbsent(key, k -> new ArrayList<>()).add(false);
                }
            }
            for (String name : entity.allAmbiguousAliases()) {
                String key = matchKey(name);
                if (!blank(key) && seen.add(key)) {
                    owners.computeIfAbsent(key, k -> new ArrayList<>()).add(entity);
                    ambiguous.computeIfAbsent(key, k -> new ArrayList<>()).add(true);
                }
            }
        }
        owners.forEach((name, entities) -> {
            if (entities.size() < 2) {
                return;
            }
            List<String> ids = entities.stream().map(StoryEntity::id).toList();
            long unambiguous = ambiguous.get(name).stream().filter(a -> !a).count();
            if (unambiguous > 1) {
                problems.add("alias \"" + name + "\" is an unambiguous name of " + ids
                        + "; list it under ambiguousAliases of all but one of them");
            }
            for (StoryEntity entity : entities) {
                if (entity.cues().positive().isEmpty()) {
                    problems.add("alias \"" + name + "\" is shared by " + ids + " but \"" + entity.id()
                            + "\" has no positive cues to tell them apart");
                }
            }
        });
    }

    /** The form names are compared in: Latin letters folded to lower case, name dots unified. */
    public static String matchKey(String name) {
        if (name == null) {
            return null;
        }
        StringBuilder key = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            key.append(NameText.fold(name.charAt(i)));
        }
        return key.toString().trim();
    }

    private static void checkDates(String where, String from, String to, List<String> problems) {
        LocalDate start = date(where, "validFrom", from, problems);
        LocalDate end = date(where, "validTo", to, problems);
        if (start != null && end != null && end.isBefore(start)) {
            problems.add(where + ": validTo " + to + " is before validFrom " + from);
        }
    }

    private static LocalDate date(String where, String field, String value, List<String> problems) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(where + ": " + field + " \"" + value + "\" is not an ISO date (YYYY-MM-DD)");
            return null;
        }
    }

    private static boolean isOrganization(StoryEntity entity) {
        return entity != null && StoryEntity.ORGANIZATION.equals(entity.type());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
    }
}
