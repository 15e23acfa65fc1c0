package io.storywatch.web.view;

/** What a series or an evidence query is about: a faction (safety, acceleration) or a single story entity. */
public enum TargetKind {
    FACTION, ENTITY;

    public static TargetKind parse(String text) {
        return switch (text == null ? "" : text.strip().toLowerCase()) {
            case "faction" -> FACTION;
            case "entity" -> ENTITY;
            default -> throw new IllegalArgumentException("kind must be faction or entity, not " + text);
        };
    }
}
