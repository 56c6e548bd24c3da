package io.cairn.model;

import java.util.List;
import java.util.Objects;

/** An application: its upper-case name and the instances registered under it. */
public record Application(String name, List<InstanceInfo> instances) {

    public Application {
        Objects.requireNonNull(name, "name");
        instances = List.copyOf(instances);
    }
}
