package io.cairn.model;

/** What happened to an instance, as carried by deltas in {@code actionType}. */
public enum ActionType {
    ADDED, MODIFIED, DELETED
}
