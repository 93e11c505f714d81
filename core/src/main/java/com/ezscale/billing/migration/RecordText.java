package com.ezscale.billing.migration;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A record's generated {@code toString()} text, character for character ({@code Name[a=1, b=null]}), without
 * the {@code String.format} that Java 17's generated {@code toString()} goes through: a migration's
 * fingerprints hash that text for every source row, and formatting was most of their cost (600,000
 * invoices a run). Any other value is {@link String#valueOf}.
 */
public final class RecordText {

    private static final ConcurrentHashMap<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

    private record Shape(String prefix, String[] labels, MethodHandle[] accessors) {}

    private RecordText() {}

    public static String of(Object value) {
        if (value == null || !value.getClass().isRecord()) {
            return String.valueOf(value);
        }
        Shape shape = SHAPES.computeIfAbsent(value.getClass(), RecordText::shape);
        StringBuilder text = new StringBuilder(128).append(shape.prefix());
        try {
            for (int k = 0; k < shape.accessors().length; k++) {
                text.append(shape.labels()[k]).append(shape.accessors()[k].invoke(value));
            }
        } catch (Throwable e) {
            throw new IllegalStateException(
                    "cannot read a component of " + value.getClass().getName(), e);
        }
        return text.append(']').toString();
    }

    private static Shape shape(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        String[] labels = new String[components.length];
        MethodHandle[] accessors = new MethodHandle[components.length];
        for (int k = 0; k < components.length; k++) {
            labels[k] = (k == 0 ? "" : ", ") + components[k].getName() + "=";
            try {
                components[k].getAccessor().setAccessible(true);
                accessors[k] = MethodHandles.lookup()
                        .unreflect(components[k].getAccessor())
                        .asType(java.lang.invoke.MethodType.methodType(Object.class, Object.class));
            } catch (IllegalAccessException | RuntimeException e) {
                throw new IllegalStateException("cannot read the components of " + type.getName(), e);
            }
        }
        return new Shape(type.getSimpleName() + "[", labels, accessors);
    }
}
