package org.jamesrelay.webadmin.dto;

import java.util.Optional;

import org.jamesrelay.core.Decision;
import org.jamesrelay.core.Route;

/** What {@code /relay/explain} answers: the decision on the recipient, with the sender's and what follows from them. */
public final class ExplanationDto extends DecisionDto {
    private final long policyVersion;
    private final DecisionDto senderDecision;
    private final RouteDto route;
    private final String note;
    private final DkimExplanationDto dkim;
    private final LimitsDto limits;

    public ExplanationDto(Decision recipient, Decision sender, long policyVersion, Optional<Route> route, String note,
                          DkimExplanationDto dkim, LimitsDto limits) {
        super(recipient);
        this.policyVersion = policyVersion;
        this.senderDecision = new DecisionDto(sender);
        this.route = route.map(RouteDto::new).orElse(null);
        this.note = note;
        this.dkim = dkim;
        this.limits = limits;
    }

    /** Whether relayed mail would be signed; null when nothing would be relayed. */
    public DkimExplanationDto getDkim() {
        return dkim;
    }

    /** The abuse limits the client meets, with their counts on this node. */
    public LimitsDto getLimits() {
        return limits;
    }

    public long getPolicyVersion() {
        return policyVersion;
    }

    public DecisionDto getSenderDecision() {
        return senderDecision;
    }

    /** Null when the recipient is refused or delivered locally. */
    public RouteDto getRoute() {
        return route;
    }

    /** Why there is no route; null when there is one. */
    public String getNote() {
        return note;
    }
}
