package org.jamesrelay.webadmin.dto;

import org.jamesrelay.core.Antivirus;

/** The {@code antivirus} entry. */
public final class AntivirusDto {
    private final String clamd;
    private final long timeoutMillis;
    private final String onVirus;
    private final String onFailure;

    public AntivirusDto(Antivirus antivirus) {
        this.clamd = antivirus.clamd().asString();
        this.timeoutMillis = antivirus.timeout().toMillis();
        this.onVirus = antivirus.onVirus().keyword();
        this.onFailure = antivirus.onFailure().keyword();
    }

    public String getClamd() {
        return clamd;
    }

    public long getTimeoutMillis() {
        return timeoutMillis;
    }

    public String getOnVirus() {
        return onVirus;
    }

    public String getOnFailure() {
        return onFailure;
    }
}
