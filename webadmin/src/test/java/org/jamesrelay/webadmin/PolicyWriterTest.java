package org.jamesrelay.webadmin;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PolicyWriterTest {
    @RegisterExtension
    RelayWebAdminExtension relay = new RelayWebAdminExtension();

    @Test
    void concurrentChangesShouldNeverBeLost() throws Exception {
        int writers = 6;
        int[] statuses = new int[writers];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            int writer = i;
            threads.add(new Thread(() -> statuses[writer] = when().put("/domains/d" + writer + ".test").then().extract().statusCode()));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        // each write is kept, or refused with 409 when it lost the race five times in a row: never lost silently
        String text = relay.policyText();
        int written = 0;
        for (int i = 0; i < writers; i++) {
            assertThat(statuses[i]).isIn(204, 409);
            if (statuses[i] == 204) {
                written++;
                assertThat(text).contains("relay-domain d" + i + ".test\n");
            } else {
                assertThat(text).doesNotContain("relay-domain d" + i + ".test\n");
            }
        }
        assertThat(written).isPositive();
        assertThat(relay.audit()).hasSize(written);
    }
}
