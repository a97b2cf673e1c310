package org.jamesrelay.webadmin.dto;

import java.util.List;

import org.jamesrelay.core.HeaderFilter;

/** The {@code header-filter} entry of a scope, without its scope. */
public final class HeaderFilterDto {
    private final List<String> remove;

    public HeaderFilterDto(HeaderFilter filter) {
        this.remove = filter.removed();
    }

    /** Names and {@code PREFIX*}, in lower case. */
    public List<String> getRemove() {
        return remove;
    }
}
