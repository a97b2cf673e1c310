package org.jamesrelay.filter;

/**
 * How much archive content one inspection may look at, so that a zip bomb costs bounded time and memory: members
 * listed, and bytes held or inflated (zip parts read into memory, and every member's uncompressed data).
 */
final class InspectionBudget {
    static final int MAX_MEMBERS = 1000;
    static final long MAX_BYTES = 100L * 1024 * 1024;

    private int members;
    private long bytes;

    InspectionBudget() {
        this(MAX_MEMBERS, MAX_BYTES);
    }

    InspectionBudget(int members, long bytes) {
        this.members = members;
        this.bytes = bytes;
    }

    boolean takeMember() {
        if (members == 0) {
            return false;
        }
        members--;
        return true;
    }

    /** Takes {@code count} bytes if that many are left; else takes none and says so. */
    boolean takeBytes(long count) {
        if (count > bytes) {
            return false;
        }
        bytes -= count;
        return true;
    }
}
