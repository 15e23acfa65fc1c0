package io.storywatch.story;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.storywatch.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
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
    private static final ObjectReader READER = Json.mapper().reader()
            .with(JsonReadFeature.ALLOW_JAVA_COMMENTS).with(JsonReadFeature.ALLOW_TRAILING_COMMA);

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

    /**
     * The stories {@code run} follows: each of {@code files} and then every {@code .json} file of {@code directory}
     * (in name order; null: none), or the bundled story when both are empty. The first is the main story.
     *
     * @throws IllegalArgumentException when two files define the same story id, or the directory holds no story
     */
    public static List<StoryDefinition> loadAll(List<Path> files, Path directory) {
        List<Path> all = new ArrayList<>(files);
        if (directory != null) {
            all.addAll(filesIn(directory));
        }
        if (all.isEmpty()) {
            return List.of(defaultStory());
        }
        Map<String, Path> seen = new java.util.LinkedHashMap<>();
        List<StoryDefinition> stories = new ArrayList<>();
        for (Path file : all) {
            StoryDefinition story = load(file);
            Path earlier = seen.putIfAbsent(story.id(), file);
            if (earlier != null) {
                throw new IllegalArgumentException("story " + story.id() + " is defined twice: in " + earlier
                        + " and in " + file);
            }
            stories.add(story);
        }
        return List.copyOf(stories);
    }

    /** The {@code .json} files of a stories directory, in name order. */
    public static List<Path> filesIn(Path directory) {
        try (java.util.stream.Stream<Path> entries = Files.list(directory)) {
            List<Path> files = entries.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .filter(Files::isRegularFile).sorted().toList();
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no story file (*.json) in " + directory);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list stories directory " + directory, e);
        }
    }

    public static StoryDefinition load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read story " + file, e);
        }
    }

    /**
     * Parses and validates; {@code origin} names the source in error messages. A story file may carry
     * {@code //} and {@code /* *}{@code /} comments and trailing commas (what {@code story init} writes); a field the
     * format does not know is a problem, since it is most often a misspelt one.
     */
    public static StoryDefinition parse(String json, String origin) {
        StoryDefinition story;
        List<String> problems = new ArrayList<>();
        try {
            JsonNode tree = READER.readTree(json);
            if (tree == null || tree.isMissingNode()) {
                throw new InvalidStoryException(origin, List.of("not a story definition: the file is empty"));
            }
            unknownFields(tree, StoryDefinition.class, "", problems);
            story = READER.forType(StoryDefinition.class).readValue(json);
        } catch (JsonProcessingException e) {
            throw new InvalidStoryException(origin, List.of(syntaxProblem(e)));
        }
        problems.addAll(problems(story));
        if (!problems.isEmpty()) {
            throw new InvalidStoryException(origin, problems);
        }
        return story;
    }

    /** Fields of the file that no record of the format has: most often misspelt ones, which would go unnoticed. */
    private static void unknownFields(JsonNode node, Class<?> type, String path, List<String> problems) {
        if (!node.isObject()) {
            return; // a value of the wrong shape is the binder's to report
        }
        Map<String, Class<?>> nested = Map.of(
                "entities", StoryEntity.class, "factions", Faction.class, "cues", Cues.class, "roles", Role.class,
                "members", FactionMember.class);
        List<String> known = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).sorted()
                .toList();
        node.fields().forEachRemaining(field -> {
            String at = (path.isEmpty() ? "" : path + ".") + field.getKey();
            if (!known.contains(field.getKey())) {
                String hint = known.stream().filter(name -> closeTo(field.getKey(), name)).findFirst()
                        .map(name -> "did you mean \"" + name + "\"?")
                        .orElse("known here: " + String.join(", ", known));
                problems.add(at + ": unknown field (" + hint + ")");
                return;
            }
            Class<?> inner = nested.get(field.getKey());
            if (inner == null) {
                return;
            }
            if (field.getValue().isArray()) {
                for (int i = 0; i < field.getValue().size(); i++) {
                    unknownFields(field.getValue().get(i), inner, at + "[" + i + "]", problems);
                }
            } else {
                unknownFields(field.getValue(), inner, at, problems);
            }
        });
    }

    public static String toJson(StoryDefinition story) {
        return Json.toString(story);
    }

    /**
     * Everything wrong with a story, empty when it can be used; each problem starts with the path of the field it is
     * about, e.g. {@code factions[1].members[0]: unknown entity "x"}.
     */
    public static List<String> problems(StoryDefinition story) {
        List<String> problems = new ArrayList<>();
        if (blank(story.id())) {
            problems.add("id: missing: a story needs an id of lower-case words joined by '-', e.g. harbour-strike");
        } else if (!ID.matcher(story.id()).matches()) {
            problems.add("id: \"" + story.id() + "\" must be lower-case words joined by '-', e.g. harbour-strike");
        }
        if (blank(story.version())) {
            problems.add("version: missing: give the story a version (e.g. \"1\") and raise it with every change");
        }
        if (story.entities().isEmpty()) {
            problems.add("entities: the story has no entities: list at least one person or organization");
        }
        Map<String, StoryEntity> byId = new HashMap<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < story.entities().size(); i++) {
            StoryEntity entity = story.entities().get(i);
            String where = "entities[" + i + "]";
            if (blank(entity.id())) {
                problems.add(where + ".id: missing");
            } else if (!ID.matcher(entity.id()).matches()) {
                problems.add(where + ".id: \"" + entity.id() + "\" must be lower-case words joined by '-'");
            } else if (byId.putIfAbsent(entity.id(), entity) != null) {
                problems.add(where + ".id: \"" + entity.id() + "\" is already the id of entities["
                        + firstIndex.get(entity.id()) + "]");
            } else {
                firstIndex.put(entity.id(), i);
            }
            if (entity.type() == null) {
                problems.add(where + ".type: missing: person or organization");
            } else if (!TYPES.contains(entity.type())) {
                problems.add(where + ".type: must be person or organization, not \"" + entity.type() + "\"");
            }
            if (entity.gender() != null && !GENDERS.contains(entity.gender())) {
                problems.add(where + ".gender: must be male or female (or left out), not \"" + entity.gender() + "\"");
            }
            if (entity.names().values().stream().allMatch(List::isEmpty)) {
                problems.add(where + ".names: no names: give at least one full name, e.g. {\"zh\": [\"...\"]}");
            }
            checkNames(where + ".names", entity.names(), problems);
            checkNames(where + ".aliases", entity.aliases(), problems);
            checkNames(where + ".ambiguousAliases", entity.ambiguousAliases(), problems);
            for (int r = 0; r < entity.roles().size(); r++) {
                Role role = entity.roles().get(r);
                String at = where + ".roles[" + r + "]";
                if (role.nouns().isEmpty()) {
                    problems.add(at + ".nouns: a role needs at least one noun");
                }
                for (int n = 0; n < role.nouns().size(); n++) {
                    if (blank(role.nouns().get(n))) {
                        problems.add(at + ".nouns[" + n + "]: empty noun");
                    }
                }
                checkDates(at, role.validFrom(), role.validTo(), problems);
            }
        }
        for (int i = 0; i < story.entities().size(); i++) {
            StoryEntity entity = story.entities().get(i);
            String where = "entities[" + i + "]";
            for (int r = 0; r < entity.roles().size(); r++) {
                String organization = entity.roles().get(r).organization();
                if (organization != null && !isOrganization(byId.get(organization))) {
                    problems.add(where + ".roles[" + r + "].organization: " + notAnOrganization(organization, byId));
                }
            }
            if (entity.partOf() != null && !isOrganization(byId.get(entity.partOf()))) {
                problems.add(where + ".partOf: " + notAnOrganization(entity.partOf(), byId));
            }
            for (int m = 0; m < entity.memberOf().size(); m++) {
                String body = entity.memberOf().get(m);
                if (body.equals(entity.id())) {
                    problems.add(where + ".memberOf[" + m + "]: an entity cannot be a member of itself");
                } else if (!isOrganization(byId.get(body))) {
                    problems.add(where + ".memberOf[" + m + "]: " + notAnOrganization(body, byId));
                }
            }
            if (!entity.memberOf().isEmpty() && StoryEntity.ORGANIZATION.equals(entity.type())) {
                problems.add(where + ".memberOf: only a person can be memberOf an organization");
            }
        }
        checkSharedAliases(story, problems);
        Map<String, Integer> factionIndex = new HashMap<>();
        for (int f = 0; f < story.factions().size(); f++) {
            Faction faction = story.factions().get(f);
            String where = "factions[" + f + "]";
            if (blank(faction.id())) {
                problems.add(where + ".id: missing");
            } else if (!ID.matcher(faction.id()).matches()) {
                problems.add(where + ".id: \"" + faction.id() + "\" must be lower-case words joined by '-'");
            } else if (factionIndex.putIfAbsent(faction.id(), f) != null) {
                problems.add(where + ".id: \"" + faction.id() + "\" is already the id of factions["
                        + factionIndex.get(faction.id()) + "]");
            }
            for (int m = 0; m < faction.members().size(); m++) {
                FactionMember member = faction.members().get(m);
                String at = where + ".members[" + m + "]";
                if (blank(member.id())) {
                    problems.add(at + ".id: missing");
                } else if (!byId.containsKey(member.id())) {
                    problems.add(at + ": unknown entity \"" + member.id() + "\"" + suggestion(member.id(), byId));
                }
                checkDates(at, member.validFrom(), member.validTo(), problems);
            }
        }
        return problems;
    }

    private static void checkNames(String where, Map<String, List<String>> byLanguage, List<String> problems) {
        byLanguage.forEach((language, names) -> {
            for (int n = 0; n < names.size(); n++) {
                if (blank(names.get(n))) {
                    problems.add(where + "." + language + "[" + n + "]: empty name");
                }
            }
        });
    }

    private static String notAnOrganization(String id, Map<String, StoryEntity> byId) {
        StoryEntity entity = byId.get(id);
        return entity == null ? "unknown entity \"" + id + "\"" + suggestion(id, byId)
                : "\"" + id + "\" is a " + entity.type() + ", not an organization";
    }

    /** ", did you mean ..." for an id one edit (or two swapped letters, or letter case) away from a known one. */
    private static String suggestion(String id, Map<String, StoryEntity> byId) {
        return byId.keySet().stream().filter(known -> closeTo(id, known)).sorted().findFirst()
                .map(known -> " (did you mean \"" + known + "\"?)").orElse("");
    }

    private static boolean closeTo(String a, String b) {
        if (a.equalsIgnoreCase(b)) {
            return true;
        }
        if (Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        int[] beforePrevious = new int[b.length() + 1];
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    current[j] = Math.min(current[j], beforePrevious[j - 2] + 1); // two letters swapped
                }
            }
            int[] reuse = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = reuse;
        }
        return previous[b.length()] <= 1;
    }

    /**
     * A name shared by two entities can only be resolved from context, so each of them needs positive cues; a name
     * that is unambiguous for both can never be resolved. Reported at the later entity's name.
     */
    private static void checkSharedAliases(StoryDefinition story, List<String> problems) {
        record Use(int entity, String path, boolean ambiguous) {
        }
        Map<String, List<Use>> uses = new TreeMap<>();
        List<StoryEntity> entities = story.entities();
        for (int i = 0; i < entities.size(); i++) {
            StoryEntity entity = entities.get(i);
            Set<String> seen = new HashSet<>();
            for (String field : List.of("names", "aliases", "ambiguousAliases")) {
                Map<String, List<String>> byLanguage = switch (field) {
                    case "names" -> entity.names();
                    case "aliases" -> entity.aliases();
                    default -> entity.ambiguousAliases();
                };
                for (Map.Entry<String, List<String>> language : byLanguage.entrySet()) {
                    for (int n = 0; n < language.getValue().size(); n++) {
                        String key = matchKey(language.getValue().get(n));
                        if (!blank(key) && seen.add(key)) {
                            uses.computeIfAbsent(key, k -> new ArrayList<>()).add(new Use(i,
                                    "entities[" + i + "]." + field + "." + language.getKey() + "[" + n + "]",
                                    field.equals("ambiguousAliases")));
                        }
                    }
                }
            }
        }
        uses.forEach((name, owners) -> {
            if (owners.size() < 2) {
                return;
            }
            List<String> ids = owners.stream().map(u -> entities.get(u.entity()).id()).toList();
            List<Use> unambiguous = owners.stream().filter(u -> !u.ambiguous()).toList();
            for (Use use : unambiguous.subList(Math.min(1, unambiguous.size()), unambiguous.size())) {
                problems.add(use.path() + ": \"" + name + "\" is also a name of " + ids
                        + "; list it under ambiguousAliases of all but one of them");
            }
            for (Use use : owners) {
                StoryEntity entity = entities.get(use.entity());
                if (entity.cues().positive().isEmpty()) {
                    problems.add("entities[" + use.entity() + "].cues.positive: \"" + name + "\" is shared by "
                            + ids + " but \"" + entity.id() + "\" has no positive cues to tell them apart");
                }
            }
        });
    }

    /** A parse error as one line: where it is (field path, line and column) and what was expected. */
    private static String syntaxProblem(JsonProcessingException e) {
        StringBuilder problem = new StringBuilder();
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            problem.append(path(mapping.getPath())).append(": ");
        }
        String message = firstLine(e.getOriginalMessage());
        int marker = message.indexOf(" (start marker at ");
        problem.append("not a story definition: ").append(marker < 0 ? message : message.substring(0, marker));
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            problem.append(" (line ").append(e.getLocation().getLineNr()).append(", column ")
                    .append(e.getLocation().getColumnNr()).append(')');
        }
        return problem.toString();
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "(top level)" : path.toString();
    }

    private static String firstLine(String message) {
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
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
            problems.add(where + ".validTo: " + to + " is before validFrom " + from);
        }
    }

    private static LocalDate date(String where, String field, String value, List<String> problems) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(where + "." + field + ": \"" + value + "\" is not an ISO date (YYYY-MM-DD)");
            return null;
        }
    }

    private static boolean isOrganization(StoryEntity entity) {
        return entity != null && StoryEntity.ORGANIZATION.equals(entity.type());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
