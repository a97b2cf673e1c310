package org.jamesrelay.webadmin;

import static org.jamesrelay.webadmin.RelayErrors.badRequestUnless;

import java.util.Optional;

import javax.inject.Inject;
import javax.inject.Provider;

import org.apache.james.webadmin.utils.JsonTransformer;
import org.jamesrelay.core.AddressSyntaxException;
import org.jamesrelay.core.Decision;
import org.jamesrelay.core.EnvelopeAddress;
import org.jamesrelay.core.RelayDecider;
import org.jamesrelay.core.Route;
import org.jamesrelay.core.RouteTable;
import org.jamesrelay.james.RelayPolicyService;
import org.jamesrelay.james.dkim.DkimKeyService;
import org.jamesrelay.webadmin.dto.DkimExplanationDto;
import org.jamesrelay.webadmin.dto.ExplanationDto;

import org.jamesrelay.webadmin.dto.LimitsDto;

import spark.Service;

/**
 * {@code /relay/explain}: what the relay would answer to {@code MAIL FROM} and {@code RCPT TO}, which rule decides, and
 * the route an accepted recipient would leave by, with the policy in force on this node, as the SMTP hooks decide; and
 * the abuse limits the client meets, with their current counts on this node.
 */
public class ExplainRoutes extends RelayApiRoutes {
    private static final String EXPLAIN = RelayApi.BASE_PATH + "/explain";

    private final Provider<RelayPolicyService> policyService;
    private final Provider<DkimKeyService> dkimKeys;
    private final LimitsExplainer limits;
    private final JsonTransformer jsonTransformer;

    @Inject
    public ExplainRoutes(Provider<RelayPolicyService> policyService, Provider<DkimKeyService> dkimKeys, LimitsExplainer limits,
                         JsonTransformer jsonTransformer) {
        this.policyService = policyService;
        this.dkimKeys = dkimKeys;
        this.limits = limits;
        this.jsonTransformer = jsonTransformer;
    }

    @Override
    public void define(Service service) {
        service.post(EXPLAIN, (request, response) -> explain(badRequestUnless(() -> ExplainRequest.fromJson(RequestBody.text(request)))),
            jsonTransformer);
        service.get(EXPLAIN, (request, response) -> explain(badRequestUnless(() -> ExplainRequest.fromQuery(request))), jsonTransformer);
    }

    private ExplanationDto explain(ExplainRequest request) {
        long version = policyService.get().policyVersion();
        RelayDecider decider = policyService.get().decider();
        Decision sender = decider.decideSender(request.client(), request.sender());
        Decision recipient = decider.decideRecipient(request.client(), request.sender(), request.recipient());
        LimitsDto limitsMet = limits.explain(policyService.get().policy(), request.client(), request.sender(), request.recipient());
        switch (recipient.verdict()) {
            case RELAY:
            case RELAY_DOMAIN: {
                Route route = route(policyService.get().policy().routes(), request);
                return new ExplanationDto(recipient, sender, version, Optional.of(route), null, dkim(request), limitsMet);
            }
            case LOCAL:
                return new ExplanationDto(recipient, sender, version, Optional.empty(), "delivered locally by James: no route", null, limitsMet);
            default:
                return new ExplanationDto(recipient, sender, version, Optional.empty(), "refused: nothing would be routed", null, limitsMet);
        }
    }

    /** Signing goes by the From: domain; the explanation takes the sender's, which a login must own anyway. */
    private DkimExplanationDto dkim(ExplainRequest request) {
        try {
            String domain = EnvelopeAddress.isNullSender(request.sender()) ? "" : EnvelopeAddress.parse(request.sender()).domain();
            return DkimExplanationDto.of(dkimKeys.get().keyring(), domain);
        } catch (AddressSyntaxException e) {
            throw new IllegalStateException("an accepted envelope does not read: " + e.getMessage(), e);
        }
    }

    /** For an accepted recipient, whose addresses the decider has read already. */
    private static Route route(RouteTable routes, ExplainRequest request) {
        try {
            Optional<EnvelopeAddress> sender = EnvelopeAddress.isNullSender(request.sender())
                ? Optional.empty()
                : Optional.of(EnvelopeAddress.parse(request.sender()));
            return routes.routeFor(sender, EnvelopeAddress.parse(request.recipient()));
        } catch (AddressSyntaxException e) {
            throw new IllegalStateException("an accepted envelope does not read: " + e.getMessage(), e);
        }
    }
}
