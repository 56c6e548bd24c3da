/**
 * Two tiny services built on cairn-client: {@link io.cairn.examples.Greeter} registers itself and answers
 * {@code GET /hello}; {@link io.cairn.examples.Caller} discovers it and calls it every second.
 */
package io.cairn.examples;
