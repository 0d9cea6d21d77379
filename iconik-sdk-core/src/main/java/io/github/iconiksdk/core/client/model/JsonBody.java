package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request body that carries exactly the fields that were set, in the order they were set. PATCH bodies must
 * not send what the caller did not mean to change (iconik's PATCH schemas reuse the full schemas, required lists
 * included), so a field left unset is absent from the JSON, while a field set to {@code null} is sent as
 * {@code null} to clear it.
 */
public abstract class JsonBody {

    private final Map<String, Object> fields;

    JsonBody(Map<String, Object> fields) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** @return the fields set, by iconik's wire name, in the order set; values may be null */
    @JsonValue
    public Map<String, Object> fields() {
        return fields;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((JsonBody) o).fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), fields);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + fields;
    }

    /**
     * The part every body builder shares.
     *
     * @param <B> the concrete builder
     */
    public abstract static class Builder<B extends Builder<B>> {
        final Map<String, Object> fields = new LinkedHashMap<>();

        Builder() {
        }

        /**
         * Sets a field this SDK has no typed setter for, by its wire name (for example a field iconik added).
         *
         * @param name  the wire name, such as {@code external_link}
         * @param value the value (any JSON-able value, or null to send null)
         * @return this builder
         * @throws NullPointerException     if {@code name} is null
         * @throws IllegalArgumentException if {@code name} is blank
         */
        public B set(String name, Object value) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("field name is blank");
            }
            fields.put(name, value);
            return self();
        }

        @SuppressWarnings("unchecked")
        final B self() {
            return (B) this;
        }
    }
}
