package org.bighead.widgets;

/**
 * A trait's value changed, from Java or from the browser: what observers receive.
 *
 * @param widget   the widget whose trait changed
 * @param name     the trait (for example "value")
 * @param oldValue the value before
 * @param newValue the value now
 */
public record Change(Widget widget, String name, Object oldValue, Object newValue) {}
