package io.storywatch.web.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Everything a {@link StoryView} itself holds on to: the objects reachable from it through its own fields, the
 * event records and collections it keeps, and JSON it stores, stopping at collaborators it was given (a
 * {@link ScoredLookup} and whatever that holds). Lets a test state what the view retains as a property, not as a
 * heap size.
 */
public final class RetainedObjects {

    /** Our own classes (the view, its records, the event records) are walked field by field; JDK values are leaves. */
    private static final Predicate<Class<?>> OWN_CLASS = type -> type.getName().startsWith("io.storywatch.");

    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    private RetainedObjects(Object root) {
        Deque<Object> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Object next = pending.pop();
            if (next == null || !seen.add(next)) {
                continue;
            }
            children(next).stream().filter(java.util.Objects::nonNull).forEach(pending::push);
        }
    }

    public static RetainedObjects of(StoryView view) {
        return new RetainedObjects(view);
    }

    /** Every retained object that is an instance of the type. */
    public List<Object> instancesOf(Class<?> type) {
        return seen.stream().filter(type::isInstance).toList();
    }

    /** Every retained string or byte array (read as UTF-8) whose text contains the fragment. */
    public List<String> textsContaining(String fragment) {
        return seen.stream().map(RetainedObjects::text).filter(text -> text != null && text.contains(fragment))
                .toList();
    }

    public int size() {
        return seen.size();
    }

    private static String text(Object object) {
        if (object instanceof String s) {
            return s;
        }
        if (object instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (object instanceof char[] chars) {
            return new String(chars);
        }
        return null;
    }

    private static List<Object> children(Object object) {
        List<Object> children = new java.util.ArrayList<>();
        if (object instanceof ScoredLookup) {
            return children; // a collaborator, not the view's own state
        }
        if (object instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                children.add(key);
                children.add(value);
            });
        } else if (object instanceof Collection<?> collection) {
            children.addAll(collection);
        } else if (object instanceof JsonNode node) {
            if (node.isTextual()) {
                children.add(node.textValue());
            }
            node.fields().forEachRemaining(field -> {
                children.add(field.getKey());
                children.add(field.getValue());
            });
            if (node.isArray()) {
                node.forEach(children::add);
            }
        } else if (object.getClass().isArray() && !object.getClass().getComponentType().isPrimitive()) {
            for (int i = 0; i < Array.getLength(object); i++) {
                children.add(Array.get(object, i));
            }
        } else if (OWN_CLASS.test(object.getClass())) {
            for (Class<?> type = object.getClass(); type != null && type != Object.class;
                 type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                        continue;
                    }
                    field.setAccessible(true);
                    try {
                        children.add(field.get(object));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return children;
    }

}
