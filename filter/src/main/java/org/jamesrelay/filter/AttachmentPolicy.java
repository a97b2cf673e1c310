package org.jamesrelay.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.jamesrelay.core.AttachmentRule;
import org.jamesrelay.core.FilterAction;

/**
 * Applies attachment rules to an inspection. A rule matches an attachment when any of its conditions does: a name
 * glob on any of its names, as given or as Windows saves it ({@link Names#candidates()}), a type on the declared
 * type, a sniffed kind, {@code encrypted-archives} on an encrypted archive, {@code larger-than} on the size.
 * <p>
 * What the filter cannot see fails closed: an unreadable archive, whose members are unknown, is matched by
 * {@code encrypted-archives}, by {@code unparseable} and by every rule that looks inside archives ({@code names=},
 * {@code sniffed=}); names that disagree or a device name ({@link Names#disguise()}) by {@code sniffed=archive} and
 * {@code unparseable}. A rule with {@code unparseable} also matches a mail whose structure could not be read.
 */
public final class AttachmentPolicy {
    private AttachmentPolicy() {
    }

    public static FilterVerdict evaluate(Inspection inspection, List<AttachmentRule> rules) {
        List<Finding> findings = new ArrayList<>();
        for (AttachmentRule rule : rules) {
            if (rule.unparseable() && inspection.unparseable().isPresent()) {
                FilterAction action = rule.action().strictest(FilterAction.QUARANTINE);
                findings.add(new Finding(rule, Optional.empty(), "unparseable: " + inspection.unparseable().get(), action));
            }
            for (Attachment attachment : inspection.attachments()) {
                match(rule, attachment).ifPresent(reason -> findings.add(new Finding(rule, Optional.of(attachment), reason, rule.action())));
            }
        }
        return new FilterVerdict(findings);
    }

    /** The first condition of {@code rule} that {@code attachment} meets, as a reason. */
    private static Optional<String> match(AttachmentRule rule, Attachment attachment) {
        Optional<String> name = attachment.names().candidates().stream().filter(rule::matchesName).findFirst();
        if (name.isPresent()) {
            return Optional.of("name " + SafeText.ascii(matchingGlob(rule, name.get())));
        }
        if (!attachment.declaredType().isEmpty() && rule.matchesType(attachment.declaredType())) {
            return Optional.of("type " + SafeText.ascii(attachment.declaredType()));
        }
        Optional<String> kind = attachment.sniffedKind();
        if (kind.isPresent() && rule.sniffed().contains(kind.get())) {
            return Optional.of("sniffed " + kind.get());
        }
        if (rule.encryptedArchives() && attachment.encryptedArchive()) {
            return Optional.of("encrypted archive");
        }
        Optional<String> disguise = attachment.names().disguise();
        if (disguise.isPresent() && (rule.sniffed().contains("archive") || rule.unparseable())) {
            return disguise;
        }
        boolean looksInside = !rule.names().isEmpty() || !rule.sniffed().isEmpty();
        if (attachment.unreadableArchive() && (rule.encryptedArchives() || rule.unparseable() || looksInside)) {
            return Optional.of("unreadable archive");
        }
        OptionalLong limit = rule.largerThan();
        if (limit.isPresent() && attachment.size() > limit.getAsLong()) {
            return Optional.of("larger than " + limit.getAsLong() + " bytes");
        }
        return Optional.empty();
    }

    /** Which of the rule's globs matched, asked of the rule itself so that there is one glob syntax. */
    private static String matchingGlob(AttachmentRule rule, String fileName) {
        return rule.names().stream()
            .filter(glob -> new AttachmentRule(rule.scope(), rule.action(), List.of(glob), List.of(), Set.of(), false,
                OptionalLong.empty(), false).matchesName(fileName))
            .findFirst()
            .orElseThrow();
    }
}
