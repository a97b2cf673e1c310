package org.jamesrelay.filter;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A file name as Windows and the common archive tools save it: the last path segment, without bidi and zero-width
 * control characters, without trailing dots and spaces (which Windows drops, so {@code x.js .} is saved as
 * {@code x.js}). A name with alternate data streams ({@code x.txt:evil.js}, {@code x.js:$DATA}) stands for each of
 * its streams, since each is written to disk.
 */
final class WindowsName {
    private static final Pattern INVISIBLE = Pattern.compile("[\\u061c\\u200b-\\u200f\\u202a-\\u202e\\u2066-\\u2069\\ufeff\\p{Cntrl}]");
    private static final Pattern TRAILING = Pattern.compile("[. ]+$");
    private static final Pattern DEVICE = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9\\u00b9\\u00b2\\u00b3]|lpt[0-9\\u00b9\\u00b2\\u00b3]|conin\\$|conout\\$)( *\\..*)?");

    private WindowsName() {
    }

    /** Every name {@code given} may be saved under, in lower case: the whole path, the file, each of its streams. */
    static Set<String> savedAs(String given) {
        String path = visible(given);
        Set<String> names = new LinkedHashSet<>();
        names.add(trimmed(path));
        names.add(file(path));
        for (String stream : lastSegment(path).split(":")) {
            if (!stream.startsWith("$")) {
                names.add(trimmed(stream));
            }
        }
        names.remove("");
        return names;
    }

    /** What the saved file's name ends with after its last dot, or empty: what decides how Windows opens it. */
    static String extension(String given) {
        String file = file(visible(given));
        int dot = file.lastIndexOf('.');
        return dot < 0 ? "" : file.substring(dot + 1);
    }

    /** {@code CON}, {@code aux.txt}, {@code LPT1}: a name Windows gives to a device, which tools rename on extraction. */
    static boolean isDevice(String given) {
        return DEVICE.matcher(file(visible(given))).matches();
    }

    private static String visible(String given) {
        return INVISIBLE.matcher(given).replaceAll("").replace('\\', '/').toLowerCase(Locale.ROOT);
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The last segment up to its first stream, as Windows saves it. */
    private static String file(String path) {
        String segment = lastSegment(path);
        int colon = segment.indexOf(':');
        return trimmed(colon < 0 ? segment : segment.substring(0, colon));
    }

    private static String trimmed(String name) {
        return TRAILING.matcher(name).replaceAll("");
    }
}
