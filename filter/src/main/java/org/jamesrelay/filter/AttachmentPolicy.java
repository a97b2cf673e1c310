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
 * glob on the file name, a type on the declared type, a sniffed kind, {@code encrypted-archives} on an encrypted or
 * unreadable archive (both hide what is inside), {@code larger-than} on the size. A rule with {@code unparseable}
 * matches a mail whose structure could not be read.
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
        Optional<String> fileName = attachment.fileName();
        if (fileName.isPresent() && rule.matchesName(fileName.get())) {
            return Optional.of("name " + SafeText.ascii(matchingGlob(rule, fileName.get())));
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
        if (rule.encryptedArchives() && attachment.unreadableArchive()) {
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
