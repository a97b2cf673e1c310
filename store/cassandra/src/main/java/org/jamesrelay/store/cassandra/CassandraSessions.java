package org.jamesrelay.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;

/** Sessions of the stores' own, to the cluster a configuration names, with its request timeout. */
final class CassandraSessions {
    private CassandraSessions() {
    }

    static CqlSession open(CassandraStoreConfiguration configuration) {
        ClassLoader driverClassLoader = CqlSession.class.getClassLoader();
        DriverConfigLoader driverConfiguration = DriverConfigLoader.programmaticBuilder(driverClassLoader)
            .withStringList(DefaultDriverOption.CONTACT_POINTS, configuration.contactPoints())
            .withString(DefaultDriverOption.LOAD_BALANCING_LOCAL_DATACENTER, configuration.localDatacenter())
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, configuration.requestTimeout())
            .build();
        return CqlSession.builder()
            .withClassLoader(driverClassLoader)
            .withConfigLoader(driverConfiguration)
            .build();
    }
}
