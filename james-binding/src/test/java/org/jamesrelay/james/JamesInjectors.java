package org.jamesrelay.james;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import javax.annotation.PreDestroy;

import org.apache.james.core.Domain;
import org.apache.james.dnsservice.api.InMemoryDNSService;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.domainlist.memory.MemoryDomainList;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.NoopGaugeRegistry;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.onami.lifecycle.PreDestroyModule;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.onami.lifecycle.Stager;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.memory.MemoryRecipientRewriteTable;
import org.apache.james.smtpserver.netty.SMTPServerFactory;
import org.apache.james.user.memory.MemoryUsersRepository;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.util.Modules;
import com.google.inject.util.Providers;

/**
 * Injectors shaped as James 3.8's: a root one with James's {@code @PreDestroy} stage and the James services the relay
 * uses, and the child {@code GuiceGenericLoader} builds extensions with, from the modules of
 * {@code conf/extensions.properties}. The mail queues and the SMTP server are bound, as in James, but cannot be built.
 */
final class JamesInjectors {
    private final Injector james;
    private final Injector extensions;
    private final AtomicInteger domainListCalls;

    /** @param home the James working directory: {@code file://conf/...} is {@code home/conf/...} */
    static JamesInjectors start(Path home, Module... jamesModules) throws Exception {
        MemoryDomainList domains = new MemoryDomainList(new InMemoryDNSService());
        domains.configure(DomainListConfiguration.builder().autoDetect(false).autoDetectIp(false).build());
        domains.addDomain(Domain.of("local.test"));
        MemoryRecipientRewriteTable recipientRewriteTable = new MemoryRecipientRewriteTable();
        recipientRewriteTable.setUsersRepository(MemoryUsersRepository.withVirtualHosting(domains));
        AtomicInteger domainListCalls = new AtomicInteger();
        DomainList countingDomains = (DomainList) Proxy.newProxyInstance(DomainList.class.getClassLoader(), new Class<?>[] {DomainList.class},
            (proxy, method, arguments) -> {
                domainListCalls.incrementAndGet();
                try {
                    return method.invoke(domains, arguments);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
        Module services = new AbstractModule() {
            @Override
            protected void configure() {
                // Providers, not instances: Guice would inject the @Inject setters of instances again.
                bind(FileSystem.class).toProvider(Providers.of(new HomeFileSystem(home)));
                bind(DomainList.class).toProvider(Providers.of(countingDomains));
                bind(RecipientRewriteTable.class).toProvider(Providers.of(recipientRewriteTable));
                bind(MetricFactory.class).toProvider(Providers.of(new RecordingMetricFactory()));
                bind(GaugeRegistry.class).toProvider(Providers.of(new NoopGaugeRegistry()));
                bind(new TypeLiteral<MailQueueFactory<?>>() { }).toProvider(() -> {
                    throw new UnsupportedOperationException("no mail queue in these tests");
                });
                bind(SMTPServerFactory.class).toProvider(() -> {
                    throw new UnsupportedOperationException("no SMTP server in these tests");
                });
            }
        };
        Injector james = Guice.createInjector(new PreDestroyModule(), Modules.combine(jamesModules), services);
        return new JamesInjectors(james, james.createChildInjector(new RelayModule()), domainListCalls);
    }

    private JamesInjectors(Injector james, Injector extensions, AtomicInteger domainListCalls) {
        this.james = james;
        this.extensions = extensions;
        this.domainListCalls = domainListCalls;
    }

    /** The injector James builds the relay's hooks, mailets, routes and health checks with. */
    Injector extensions() {
        return extensions;
    }

    /** How many times James's domain list was asked anything. */
    int domainListCalls() {
        return domainListCalls.get();
    }

    /** What {@code GuiceJamesServer.stop()} does, which James's shutdown hook calls. */
    void stop() {
        james.getInstance(Key.get(new TypeLiteral<Stager<PreDestroy>>() { })).stage();
    }

    static Set<String> liveThreadNames() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .map(Thread::getName)
            .collect(Collectors.toUnmodifiableSet());
    }

    static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    /** James's {@code file://} locations under a home folder. */
    private static final class HomeFileSystem implements FileSystem {
        private final Path home;

        HomeFileSystem(Path home) {
            this.home = home;
        }

        @Override
        public InputStream getResource(String url) throws FileNotFoundException {
            return new FileInputStream(getFile(url));
        }

        @Override
        public File getFile(String fileURL) throws FileNotFoundException {
            if (!fileURL.startsWith(FILE_PROTOCOL)) {
                throw new FileNotFoundException(fileURL);
            }
            return home.resolve(fileURL.substring(FILE_PROTOCOL.length())).toFile();
        }

        @Override
        public File getBasedir() {
            return home.toFile();
        }
    }
}
