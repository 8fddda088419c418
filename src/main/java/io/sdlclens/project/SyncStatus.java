package io.sdlclens.project;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** A project's sync state, stored and served by its wire name. */
public enum SyncStatus {
    NEVER_SYNCED("never_synced"),
    SYNCING("syncing"),
    SYNCED("synced"),
    ERROR("error");

    private final String wireName;

    SyncStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static SyncStatus fromWireName(String name) {
        for (SyncStatus status : values()) {
            if (status.wireName.equals(name)) {
                return status;
            }
        }
        throw new IllegalArgumentException("Unknown sync status: " + name);
    }

    @Converter(autoApply = true)
    public static class DbConverter implements AttributeConverter<SyncStatus, String> {
        @Override
        public String convertToDatabaseColumn(SyncStatus status) {
            return status == null ? null : status.wireName;
        }

        @Override
        public SyncStatus convertToEntityAttribute(String name) {
            return name == null ? null : fromWireName(name);
        }
    }
}
