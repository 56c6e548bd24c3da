package io.cairn.client.cache;

import io.cairn.model.InstanceInfo;
import java.util.List;

/**
 * How one application's instances changed between two snapshots; {@code before} or {@code after} is empty when the
 * application appeared or disappeared.
 *
 * @param app    the application name, upper case
 * @param before its instances before, sorted by id
 * @param after  its instances after, sorted by id
 */
public record AppDiff(String app, List<InstanceInfo> before, List<InstanceInfo> after) {
}
