package org.jamesrelay.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.jamesrelay.core.AddressSyntaxException;
import org.jamesrelay.core.EnvelopeAddress;
import org.jamesrelay.core.NextHop;
import org.jamesrelay.core.Route;
import org.jamesrelay.core.RouteTable;
import org.jamesrelay.core.TlsPolicy;
import org.jamesrelay.core.Transport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The route of one recipient, as the forwarding mailet looks it up for every relayed recipient at every delivery
 * attempt, in a transport map of 10,000 domain routes, 2,000 subdomain routes, 5,000 address routes and 1,000
 * sender routes, plus a default route. The 8,192 pre-built lookups mix an address route (10%), a domain route
 * (40%), a subdomain two levels below its route (20%), a sender route (10%) and the default route (20%).
 */
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RouteLookupBenchmark {
    static final int LOOKUPS = 8192;

    public static final class Lookup {
        final Optional<EnvelopeAddress> sender;
        final EnvelopeAddress recipient;

        Lookup(Optional<EnvelopeAddress> sender, EnvelopeAddress recipient) {
            this.sender = sender;
            this.recipient = recipient;
        }
    }

    @State(Scope.Benchmark)
    public static class Table {
        RouteTable routes;
        Lookup[] lookups;

        @Setup(Level.Trial)
        public void build() throws AddressSyntaxException {
            Transport transport = new Transport(List.of(new NextHop("192.0.2.1", 25), new NextHop("192.0.2.2", 25)),
                TlsPolicy.ENCRYPT, Optional.empty(), Transport.Balance.FAILOVER);
            List<Route> entries = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                entries.add(Route.forRecipients("domain-" + i + ".example", transport));
            }
            for (int i = 0; i < 2_000; i++) {
                entries.add(Route.forRecipients(".corp-" + i + ".example", transport));
            }
            for (int i = 0; i < 5_000; i++) {
                entries.add(Route.forRecipients("vip-" + i + "@domain-" + i + ".example", transport));
            }
            for (int i = 0; i < 1_000; i++) {
                entries.add(Route.forSenders("@sender-" + i + ".example", transport));
            }
            entries.add(Route.forRecipients("*", transport));
            routes = RouteTable.of(entries, false);

            Random random = new Random(PolicyCorpus.SEED);
            lookups = new Lookup[LOOKUPS];
            for (int i = 0; i < LOOKUPS; i++) {
                int n = random.nextInt(5_000);
                int kind = random.nextInt(10);
                Optional<EnvelopeAddress> sender = Optional.of(EnvelopeAddress.parse(
                    kind == 9 ? "news@sender-" + (n % 1_000) + ".example" : "app@local.example"));
                String recipient;
                if (kind == 0) {
                    recipient = "vip-" + n + "@domain-" + n + ".example";
                } else if (kind <= 4) {
                    recipient = "user-" + n + "@domain-" + n + ".example";
                } else if (kind <= 6) {
                    recipient = "user@host.site.corp-" + (n % 2_000) + ".example";
                } else {
                    recipient = "user@elsewhere-" + n + ".example";
                }
                lookups[i] = new Lookup(sender, EnvelopeAddress.parse(recipient));
            }
        }
    }

    @State(Scope.Thread)
    public static class Cursor {
        int next;

        Lookup next(Lookup[] lookups) {
            return lookups[next++ & (lookups.length - 1)];
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Route lookup(Table table, Cursor cursor) {
        Lookup lookup = cursor.next(table.lookups);
        return table.routes.routeFor(lookup.sender, lookup.recipient);
    }
}
