package org.jamesrelay.webadmin;

import static org.jamesrelay.webadmin.RelayErrors.badRequestUnless;

import javax.inject.Inject;
import javax.inject.Provider;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.jamesrelay.core.Decision;
import org.jamesrelay.core.RelayDecider;
import org.jamesrelay.core.Verdict;
import org.jamesrelay.james.RelayPolicyService;
import org.jamesrelay.webadmin.RelayDtos.ExplanationDto;

import spark.Service;

/**
 * {@code /relay/explain}: what the relay would answer to {@code MAIL FROM} and {@code RCPT TO}, and which rule decides,
 * with the policy in force on this node, as the SMTP hooks decide.
 */
public class ExplainRoutes implements Routes {
    private static final String EXPLAIN = RelayApi.BASE_PATH + "/explain";

    private final Lazy<RelayPolicyService> policyService;
    private final JsonTransformer jsonTransformer;

    @Inject
    public ExplainRoutes(Provider<RelayPolicyService> policyService, JsonTransformer jsonTransformer) {
        this.policyService = new Lazy<>(policyService);
        this.jsonTransformer = jsonTransformer;
    }

    @Override
    public String getBasePath() {
        return RelayApi.BASE_PATH;
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
        return new ExplanationDto(recipient, sender, version, note(recipient.verdict()));
    }

    private static String note(Verdict verdict) {
        switch (verdict) {
            case RELAY:
            case RELAY_DOMAIN:
                return "routes (transport maps) are not part of the relay policy yet: accepted mail leaves through "
                    + "James's RemoteDelivery as configured in mailetcontainer.xml";
            case LOCAL:
                return "delivered locally by James: no route";
            default:
                return "refused: nothing would be routed";
        }
    }
}
