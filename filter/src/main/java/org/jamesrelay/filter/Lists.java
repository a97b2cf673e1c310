package org.jamesrelay.filter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

final class Lists {
    private Lists() {
    }

    /** A new unmodifiable list: {@code list}, then {@code last}. */
    static <T> List<T> with(List<T> list, T last) {
        List<T> longer = new ArrayList<>(list.size() + 1);
        longer.addAll(list);
        longer.add(last);
        return Collections.unmodifiableList(longer);
    }
}
