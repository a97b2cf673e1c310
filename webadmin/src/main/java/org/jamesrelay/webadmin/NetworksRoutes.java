package org.jamesrelay.webadmin;

import static org.jamesrelay.webadmin.RelayErrors.badRequest;
import static org.jamesrelay.webadmin.RelayErrors.badRequestUnless;
import static org.jamesrelay.webadmin.RelayErrors.notFound;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.jamesrelay.core.Cidr;
import org.jamesrelay.core.PolicyDocument;
import org.jamesrelay.core.TrustedNetwork;
import org.jamesrelay.webadmin.dto.NetworkDto;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The trusted networks, under {@code /relay/networks}: list them, read one, trust one with its options, remove one.
 */
public class NetworksRoutes extends RelayApiRoutes {
    private static final String NETWORKS = RelayApi.BASE_PATH + "/networks";
    private static final String NETWORK = NETWORKS + "/:network";
    private static final Set<String> FIELDS = Set.of("senders", "servedSendersOnly", "wide");

    private final PolicyAccess access;

    @Inject
    public NetworksRoutes(PolicyAccess access) {
        this.access = access;
    }

    @Override
    public void define(Service service) {
        service.get(NETWORKS, (request, response) -> networks(), access.jsonTransformer());
        service.get(NETWORK, this::getNetwork, access.jsonTransformer());
        service.put(NETWORK, this::putNetwork);
        service.delete(NETWORK, this::deleteNetwork);
    }

    private List<NetworkDto> networks() {
        return access.reader().snapshot().trustedNetworks().stream().map(NetworkDto::new).collect(Collectors.toList());
    }

    private NetworkDto getNetwork(Request request, Response response) {
        Cidr cidr = badRequestUnless(() -> PolicyValues.network(request.params("network")));
        return access.reader().snapshot().trustedNetworks().stream()
            .filter(network -> network.cidr().equals(cidr))
            .findFirst()
            .map(NetworkDto::new)
            .orElseThrow(() -> notFound("network " + cidr.asString() + " is not a trusted network"));
    }

    private String putNetwork(Request request, Response response) {
        Cidr cidr = badRequestUnless(() -> PolicyValues.network(request.params("network")));
        JsonBody body = badRequestUnless(() -> JsonBody.object(RequestBody.text(request), FIELDS));
        requireExplicitWhenWide(cidr, body.bool("wide"));
        String line = badRequestUnless(() -> PolicyValues.networkLine(cidr,
            PolicyValues.patterns("senders", body.strings("senders")), body.bool("servedSendersOnly")));
        Predicate<PolicyDocument.Entry> matching = networkEntry(cidr);
        return access.writer().edit(request, response, document -> {
            boolean exists = document.anyMatch(matching);
            return EntryEdit.of((exists ? "change " : "add ") + PolicyValues.TRUSTED_NETWORK, document, matching, List.of(line),
                document.replace(matching, line));
        });
    }

    private String deleteNetwork(Request request, Response response) {
        Cidr cidr = badRequestUnless(() -> PolicyValues.network(request.params("network")));
        Predicate<PolicyDocument.Entry> matching = networkEntry(cidr);
        return access.writer().edit(request, response, document -> {
            EntryEdit.requireSome(document, matching, "network " + cidr.asString() + " is not a trusted network");
            return EntryEdit.of("remove " + PolicyValues.TRUSTED_NETWORK, document, matching, List.of(), document.removeIf(matching));
        });
    }

    /** A network so wide that it nearly opens the relay is trusted only when the request says so. */
    private static void requireExplicitWhenWide(Cidr cidr, boolean wide) {
        if (TrustedNetwork.isWide(cidr) && !wide) {
            throw badRequest(cidr.asString() + " is wider than /" + (cidr.isIpv4() ? TrustedNetwork.WIDEST_IPV4_PREFIX : TrustedNetwork.WIDEST_IPV6_PREFIX)
                + ": every client in it could relay; send {\"wide\": true} to trust it anyway (warned about like open relay mode)");
        }
        if (wide && !TrustedNetwork.isWide(cidr)) {
            throw badRequest("\"wide\" is only for networks wider than /" + TrustedNetwork.WIDEST_IPV4_PREFIX + " (IPv4) or /"
                + TrustedNetwork.WIDEST_IPV6_PREFIX + " (IPv6)");
        }
    }

    private static Predicate<PolicyDocument.Entry> networkEntry(Cidr cidr) {
        return entry -> entry.keyword().equals(PolicyValues.TRUSTED_NETWORK) && PolicyValues.tryNetwork(entry.value()).filter(cidr::equals).isPresent();
    }
}
