package io.territoryos.contracts.serde;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compact binary for a service's hot internal records (state stores and repartition topics read and written on
 * every change), where {@link JsonSerde}'s text costs a third of a stream thread: the same records, with no field
 * names, numbers as varints and no parsing. Like JSON, these bytes never leave the service.
 *
 * <p>Layout: the marker byte {@code 0xB1} (never the first byte of {@link JsonSerde}'s JSON), then the record:
 * the number of components it has (one byte), then each component in declaration order as a tag and its value —
 * null; a string (UTF-8, varint length); an integral number (zig-zag varint, for {@code int}, {@code long} and their
 * boxes); a double (8 bytes); true; false; an enum constant (its name, as a string); a nested record (the same
 * layout without the marker); a list of records (varint size, then each element tagged as a nested record or null);
 * a map with string or enum keys (varint size, then each entry as its key, a string without a tag (an enum key: its
 * name), and its value, tagged).
 *
 * <p>Evolving a record: a component is added <em>at the end</em> (an older value reads it as null, 0 or false; an
 * older reader skips it, every value being tagged). Renaming or reordering components changes what the bytes mean:
 * that needs an application reset, which each service's format test guards against. Bytes starting with
 * <code>{</code> are JSON written before a store moved to this format and are read with {@link JsonSerde}, so a
 * running application moves over without a reset: each value becomes binary when it is next written.
 *
 * <p>Supported components: {@code String}, {@code int}, {@code long}, {@code double}, {@code boolean} and their
 * boxes, enums, records made of these, lists of such records and maps from {@code String} or an enum to any of these
 * but lists and maps (read back as an unmodifiable map in the order written). Anything else is refused when the serde is built.
 */
public final class RecordSerde {

    private static final byte MARKER = (byte) 0xB1;

    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte INTEGRAL = 2;
    private static final byte DOUBLE = 3;
    private static final byte TRUE = 4;
    private static final byte FALSE = 5;
    private static final byte ENUM = 6;
    private static final byte RECORD = 7;
    private static final byte LIST = 8;
    private static final byte MAP = 9;

    private static final Map<Class<?>, Layout> LAYOUTS = new ConcurrentHashMap<>();

    public static <T extends Record> Serde<T> of(Class<T> type) {
        Layout layout = layout(type);
        Serializer<T> serializer = (topic, value) -> value == null ? null : write(layout, value, topic);
        Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null : read(layout, type, bytes, topic);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static byte[] write(Layout layout, Object value, String topic) {
        Output out = new Output();
        out.writeByte(MARKER);
        try {
            layout.write(value, out);
        } catch (RuntimeException e) {
            throw new SerializationException("cannot write " + value.getClass().getSimpleName() + " for " + topic, e);
        }
        return out.toByteArray();
    }

    private static <T> T read(Layout layout, Class<T> type, byte[] bytes, String topic) {
        if (bytes.length > 0 && bytes[0] == '{') {
            return JsonSerde.read(bytes, type);
        }
        if (bytes.length == 0 || bytes[0] != MARKER) {
            throw new SerializationException("cannot read " + type.getSimpleName() + " of " + topic
                    + ": neither this serde's binary nor JSON (first byte " + (bytes.length == 0 ? "none" : bytes[0]) + ")");
        }
        try {
            Input in = new Input(bytes, 1);
            T value = type.cast(layout.read(in));
            if (in.position != bytes.length) {
                throw new IllegalStateException((bytes.length - in.position) + " bytes left after the record");
            }
            return value;
        } catch (RuntimeException e) {
            throw new SerializationException("cannot read " + type.getSimpleName() + " of " + topic + " from its binary", e);
        }
    }

    private static Layout layout(Class<?> type) {
        // building a layout never resolves another (nested records resolve on first use), so this cannot recurse
        return LAYOUTS.computeIfAbsent(type, Layout::new);
    }

    /** How one record type is taken apart and put together: its components' accessors and canonical constructor. */
    private static final class Layout {
        private final Class<?> type;
        private final Method[] accessors;
        private final Component[] components;
        private final Constructor<?> constructor;

        Layout(Class<?> type) {
            if (!type.isRecord()) {
                throw new IllegalArgumentException(type.getName() + " is no record: RecordSerde takes records only");
            }
            RecordComponent[] declared = type.getRecordComponents();
            if (declared.length > 255) {
                throw new IllegalArgumentException(type.getName() + " has more than 255 components");
            }
            this.type = type;
            this.accessors = new Method[declared.length];
            this.components = new Component[declared.length];
            Class<?>[] parameterTypes = new Class<?>[declared.length];
            for (int i = 0; i < declared.length; i++) {
                accessors[i] = declared[i].getAccessor();
                accessors[i].setAccessible(true);
                components[i] = Component.of(type, declared[i]);
                parameterTypes[i] = declared[i].getType();
            }
            try {
                constructor = type.getDeclaredConstructor(parameterTypes);
                constructor.setAccessible(true);
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException(type.getName() + " has no canonical constructor", e);
            }
        }

        void write(Object value, Output out) {
            out.writeByte((byte) accessors.length);
            for (int i = 0; i < accessors.length; i++) {
                components[i].write(get(accessors[i], value), out);
            }
        }

        Object read(Input in) {
            int written = in.readByte() & 0xFF;
            Object[] arguments = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                arguments[i] = i < written ? components[i].read(in) : components[i].absent();
            }
            for (int i = components.length; i < written; i++) {
                in.skipValue(); // a component added after this reader was built
            }
            try {
                return constructor.newInstance(arguments);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException(type.getSimpleName() + " refused the values read: "
                        + e.getCause().getMessage(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot construct " + type.getSimpleName(), e);
            }
        }

        private static Object get(Method accessor, Object value) {
            try {
                return accessor.invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + accessor, e);
            }
        }
    }

    /** One component's type: how its value is written and read back. */
    private sealed interface Component {

        void write(Object value, Output out);

        Object read(Input in);

        /** Its value when the bytes were written before the component existed. */
        Object absent();

        static Component of(Class<?> owner, RecordComponent component) {
            Class<?> type = component.getType();
            if (type == List.class && component.getGenericType() instanceof ParameterizedType list
                    && list.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
                return new Sequence(new Nested(element));
            }
            if (type == Map.class && component.getGenericType() instanceof ParameterizedType map
                    && map.getActualTypeArguments()[0] instanceof Class<?> keyType
                    && (keyType == String.class || keyType.isEnum())
                    && map.getActualTypeArguments()[1] instanceof Class<?> valueType) {
                Component value = scalar(valueType);
                if (value != null) {
                    return new Dictionary(keyType.isEnum() ? new Constant(keyType) : null, value);
                }
            }
            Component scalar = scalar(type);
            if (scalar != null) {
                return scalar;
            }
            throw new IllegalArgumentException(owner.getName() + "." + component.getName() + " is a "
                    + component.getGenericType().getTypeName() + ", which RecordSerde does not write (use JsonSerde)");
        }

        /** A component that is no list or map; null for a type RecordSerde does not write. */
        private static Component scalar(Class<?> type) {
            if (type == String.class) {
                return new Text();
            }
            if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
                return new Integral(type);
            }
            if (type == double.class || type == Double.class) {
                return new Decimal(type.isPrimitive());
            }
            if (type == boolean.class || type == Boolean.class) {
                return new Flag(type.isPrimitive());
            }
            if (type.isEnum()) {
                return new Constant(type);
            }
            if (type.isRecord()) {
                return new Nested(type);
            }
            return null;
        }
    }

    private record Text() implements Component {
        public void write(Object value, Output out) {
            if (value == null) {
                out.writeByte(NULL);
            } else {
                out.writeByte(STRING);
                out.writeString((String) value);
            }
        }

        public Object read(Input in) {
            byte tag = in.readByte();
            return tag == NULL ? null : in.expect(tag, STRING).readString();
        }

        public Object absent() {
            return null;
        }
    }

    private record Integral(Class<?> type) implements Component {
        public void write(Object value, Output out) {
            if (value == null) {
                out.writeByte(NULL);
            } else {
                out.writeByte(INTEGRAL);
                out.writeVarLong(((Number) value).longValue());
            }
        }

        public Object read(Input in) {
            byte tag = in.readByte();
            if (tag == NULL) {
                return absent();
            }
            long value = in.expect(tag, INTEGRAL).readVarLong();
            if (type == long.class || type == Long.class) {
                return value;
            }
            return Math.toIntExact(value);
        }

        public Object absent() {
            return type == long.class ? (Object) 0L : type == int.class ? (Object) 0 : null;
        }
    }

    private record Decimal(boolean primitive) implements Component {
        public void write(Object value, Output out) {
            if (value == null) {
                out.writeByte(NULL);
            } else {
                out.writeByte(DOUBLE);
                out.writeLong(Double.doubleToRawLongBits((Double) value));
            }
        }

        public Object read(Input in) {
            byte tag = in.readByte();
            return tag == NULL ? absent() : Double.longBitsToDouble(in.expect(tag, DOUBLE).readLong());
        }

        public Object absent() {
            return primitive ? 0.0 : null;
        }
    }

    private record Flag(boolean primitive) implements Component {
        public void write(Object value, Output out) {
            out.writeByte(value == null ? NULL : (Boolean) value ? TRUE : FALSE);
        }

        public Object read(Input in) {
            byte tag = in.readByte();
            return switch (tag) {
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                case NULL -> absent();
                default -> throw new IllegalStateException("tag " + tag + " where a boolean was expected");
            };
        }

        public Object absent() {
            return primitive ? Boolean.FALSE : null;
        }
    }

    private static final class Constant implements Component {
        private final Class<?> type;
        private final byte[][] names;
        private final Map<String, Object> byName = new HashMap<>();

        Constant(Class<?> type) {
            this.type = type;
            Object[] constants = type.getEnumConstants();
            names = new byte[constants.length][];
            for (Object constant : constants) {
                String name = ((Enum<?>) constant).name();
                names[((Enum<?>) constant).ordinal()] = name.getBytes(StandardCharsets.UTF_8);
                byName.put(name, constant);
            }
        }

        public void write(Object value, Output out) {
            if (value == null) {
                out.writeByte(NULL);
            } else {
                out.writeByte(ENUM);
                out.writeBytes(nameOf(value));
            }
        }

        public Object read(Input in) {
            byte tag = in.readByte();
            return tag == NULL ? null : named(in.expect(tag, ENUM).readString());
        }

        byte[] nameOf(Object constant) {
            return names[((Enum<?>) constant).ordinal()];
        }

        Object named(String name) {
            Object constant = byName.get(name);
            if (constant == null) {
                throw new IllegalStateException(type.getSimpleName() + " has no constant " + name);
            }
            return constant;
        }

        public Object absent() {
            return null;
        }
    }

    private static final class Nested implements Component {
        private final Class<?> type;
        private volatile Layout layout; // resolved on first use: a record may nest the record being built

        Nested(Class<?> type) {
            this.type = type;
        }

        private Layout layout() {
            Layout resolved = layout;
            if (resolved == null) {
                resolved = RecordSerde.layout(type);
                layout = resolved;
            }
            return resolved;
        }

        public void write(Object value, Output out) {
            if (value == null) {
                out.writeByte(NULL);
            } else {
                out.writeByte(RECORD);
                layout().write(value, out);
            }
        }

        public Object read(Input in) {
            byte tag = in.readByte();
            return tag == NULL ? null : layout().read(in.expect(tag, RECORD));
        }

        public Object absent() {
            return null;
        }
    }

    /** A list of records; read back as an unmodifiable list (null elements allowed). */
    private record Sequence(Nested element) implements Component {
        public void write(Object value, Output out) {
            if (value == null) {
                out.writeByte(NULL);
                return;
            }
            List<?> list = (List<?>) value;
            out.writeByte(LIST);
            out.writeVarLong(list.size());
            for (Object item : list) {
                element.write(item, out);
            }
        }

        public Object read(Input in) {
            byte tag = in.readByte();
            if (tag == NULL) {
                return null;
            }
            int size = in.expect(tag, LIST).readSize("list");
            List<Object> items = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                items.add(element.read(in));
            }
            return Collections.unmodifiableList(items);
        }

        public Object absent() {
            return null;
        }
    }

    /**
     * A map with string or enum keys (an enum key written as its name; a null key is refused); read back as an
     * unmodifiable map in the order written.
     *
     * @param keys the enum of the keys, null for string keys
     */
    private record Dictionary(Constant keys, Component value) implements Component {
        public void write(Object map, Output out) {
            if (map == null) {
                out.writeByte(NULL);
                return;
            }
            Map<?, ?> entries = (Map<?, ?>) map;
            out.writeByte(MAP);
            out.writeVarLong(entries.size());
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
                if (entry.getKey() == null) {
                    throw new IllegalArgumentException("a map with a null key");
                }
                if (keys == null) {
                    out.writeString((String) entry.getKey());
                } else {
                    out.writeBytes(keys.nameOf(entry.getKey()));
                }
                value.write(entry.getValue(), out);
            }
        }

        public Object read(Input in) {
            byte tag = in.readByte();
            if (tag == NULL) {
                return null;
            }
            int size = in.expect(tag, MAP).readSize("map");
            Map<Object, Object> entries = new LinkedHashMap<>(Math.max(4, size * 2));
            for (int i = 0; i < size; i++) {
                String name = in.readString();
                entries.put(keys == null ? name : keys.named(name), value.read(in));
            }
            return Collections.unmodifiableMap(entries);
        }

        public Object absent() {
            return null;
        }
    }

    /** A growing byte array. */
    private static final class Output {
        private byte[] bytes = new byte[128];
        private int size;

        void writeByte(byte value) {
            ensure(1);
            bytes[size++] = value;
        }

        void writeVarLong(long value) {
            long zigZag = (value << 1) ^ (value >> 63);
            ensure(10);
            while ((zigZag & ~0x7FL) != 0) {
                bytes[size++] = (byte) ((zigZag & 0x7F) | 0x80);
                zigZag >>>= 7;
            }
            bytes[size++] = (byte) zigZag;
        }

        void writeLong(long value) {
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[size++] = (byte) (value >>> shift);
            }
        }

        void writeString(String value) {
            writeBytes(value.getBytes(StandardCharsets.UTF_8));
        }

        void writeBytes(byte[] value) {
            writeVarLong(value.length);
            ensure(value.length);
            System.arraycopy(value, 0, bytes, size, value.length);
            size += value.length;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }

    /** Reads what {@link Output} wrote; every read checks it stays inside the bytes. */
    private static final class Input {
        private final byte[] bytes;
        private int position;

        Input(byte[] bytes, int position) {
            this.bytes = bytes;
            this.position = position;
        }

        byte readByte() {
            if (position >= bytes.length) {
                throw new IllegalStateException("the bytes end in the middle of a record");
            }
            return bytes[position++];
        }

        Input expect(byte tag, byte expected) {
            if (tag != expected) {
                throw new IllegalStateException("tag " + tag + " where " + expected + " was expected");
            }
            return this;
        }

        long readVarLong() {
            long zigZag = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = readByte();
                zigZag |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return (zigZag >>> 1) ^ -(zigZag & 1);
                }
            }
            throw new IllegalStateException("a varint longer than 10 bytes");
        }

        long readLong() {
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (readByte() & 0xFF);
            }
            return value;
        }

        /** A count of values that follow: each takes at least a byte, so no more than the bytes left. */
        int readSize(String of) {
            long size = readVarLong();
            if (size < 0 || size > bytes.length - position) {
                throw new IllegalStateException("a " + of + " of " + size + " values where " + (bytes.length - position) + " bytes are left");
            }
            return (int) size;
        }

        String readString() {
            long length = readVarLong();
            if (length < 0 || length > bytes.length - position) {
                throw new IllegalStateException("a string of " + length + " bytes where " + (bytes.length - position) + " are left");
            }
            String value = new String(bytes, position, (int) length, StandardCharsets.UTF_8);
            position += (int) length;
            return value;
        }

        /** Skips one tagged value of any kind. */
        void skipValue() {
            byte tag = readByte();
            switch (tag) {
                case NULL, TRUE, FALSE -> { }
                case STRING, ENUM -> readString();
                case INTEGRAL -> readVarLong();
                case DOUBLE -> readLong();
                case RECORD -> {
                    int count = readByte() & 0xFF;
                    for (int i = 0; i < count; i++) {
                        skipValue();
                    }
                }
                case LIST -> {
                    int size = readSize("list");
                    for (int i = 0; i < size; i++) {
                        skipValue();
                    }
                }
                case MAP -> {
                    int size = readSize("map");
                    for (int i = 0; i < size; i++) {
                        readString();
                        skipValue();
                    }
                }
                default -> throw new IllegalStateException("unknown tag " + tag);
            }
        }
    }

    private RecordSerde() {
    }
}
