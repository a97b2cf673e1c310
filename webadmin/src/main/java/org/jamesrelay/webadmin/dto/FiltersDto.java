package org.jamesrelay.webadmin.dto;

import java.util.List;
import java.util.Optional;

import org.jamesrelay.core.Antivirus;

/** The front-end filter: the scopes with filter entries, in policy order with {@code *} last, and the antivirus. */
public final class FiltersDto {
    private final List<FilterScopeDto> scopes;
    private final AntivirusDto antivirus;

    public FiltersDto(List<FilterScopeDto> scopes, Optional<Antivirus> antivirus) {
        this.scopes = List.copyOf(scopes);
        this.antivirus = antivirus.map(AntivirusDto::new).orElse(null);
    }

    public List<FilterScopeDto> getScopes() {
        return scopes;
    }

    /** Null: mail is not scanned. */
    public AntivirusDto getAntivirus() {
        return antivirus;
    }
}
