package org.jamesrelay.mailets;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Duration;

import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;
import org.apache.james.mailetcontainer.api.MailetLoader;
import org.apache.james.mailetcontainer.api.MatcherLoader;
import org.apache.james.mailetcontainer.impl.CompositeProcessorImpl;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.transport.mailets.Null;
import org.apache.james.transport.matchers.All;
import org.apache.mailet.Mailet;
import org.apache.mailet.MailetContext;
import org.apache.mailet.Matcher;
import org.apache.mailet.base.test.FakeMailContext;
import org.jamesrelay.core.LocalDirectory;
import org.jamesrelay.james.PolicySource;
import org.jamesrelay.james.RelayPolicyService;
import org.jamesrelay.james.metrics.RelayMetrics;
import org.jamesrelay.store.MemoryPolicyStore;
import org.junit.jupiter.api.Test;

import com.google.inject.Guice;

/**
 * James's mailet container, built as James builds it at startup, refuses a configuration where a mailet of ours names
 * a processor that does not exist.
 */
class MissingProcessorTest {
    private static final String PROCESSORS = String.join("\n",
        "<processors enableJmx=\"false\">",
        "  <processor state=\"root\"><mailet match=\"All\" class=\"Null\"/></processor>",
        "  <processor state=\"error\"><mailet match=\"All\" class=\"Null\"/></processor>",
        "  <processor state=\"transport\">",
        "    <mailet match=\"All\" class=\"FrontEndFilter\">",
        "      <passProcessor>deliver</passProcessor>",
        "      <quarantineProcessor>%s</quarantineProcessor>",
        "    </mailet>",
        "  </processor>",
        "  <processor state=\"deliver\"><mailet match=\"All\" class=\"Null\"/></processor>",
        "  <processor state=\"quarantine\"><mailet match=\"All\" class=\"Null\"/></processor>",
        "</processors>");

    private static CompositeProcessorImpl start(String quarantineProcessor) throws Exception {
        RelayPolicyService policy = new RelayPolicyService(
            new PolicySource(MemoryPolicyStore.holding("relay-domain relay.test\n"), "test policy", true, Duration.ofSeconds(1)),
            LocalDirectory::empty);
        RelayMetrics metrics = new RelayMetrics(new RecordingMetricFactory());
        MailetLoader mailets = config -> {
            Mailet mailet = config.getMailetName().equals("FrontEndFilter") ? new FrontEndFilter(policy, metrics) : new Null();
            mailet.init(config);
            return mailet;
        };
        MatcherLoader matchers = config -> {
            Matcher matcher = new All();
            matcher.init(config);
            return matcher;
        };
        CompositeProcessorImpl processors = Guice.createInjector(binder -> {
            binder.bind(MetricFactory.class).toInstance(new RecordingMetricFactory());
            binder.bind(MailetContext.class).toInstance(FakeMailContext.defaultContext());
            binder.bind(MailetLoader.class).toInstance(mailets);
            binder.bind(MatcherLoader.class).toInstance(matchers);
        }).getInstance(CompositeProcessorImpl.class);
        processors.configure(configuration(String.format(PROCESSORS, quarantineProcessor)));
        processors.init();
        return processors;
    }

    private static XMLConfiguration configuration(String xml) throws ConfigurationException {
        XMLConfiguration configuration = new XMLConfiguration();
        new FileHandler(configuration).load(new StringReader(xml));
        return configuration;
    }

    @Test
    void jamesShouldStartWhenEveryNamedProcessorExists() {
        assertThatCode(() -> start("quarantine").dispose()).doesNotThrowAnyException();
    }

    @Test
    void jamesShouldNotStartWhenAMailetNamesAMissingProcessor() {
        assertThatThrownBy(() -> start("quarantin"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("Your configurations specifies the following undefined processors: [quarantin]");
    }
}
