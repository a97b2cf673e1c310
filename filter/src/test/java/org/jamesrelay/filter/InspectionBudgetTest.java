package org.jamesrelay.filter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InspectionBudgetTest {

    @Test
    void membersShouldRunOut() {
        InspectionBudget budget = new InspectionBudget(2, 0);

        assertThat(budget.takeMember()).isTrue();
        assertThat(budget.takeMember()).isTrue();
        assertThat(budget.takeMember()).isFalse();
    }

    @Test
    void bytesShouldBeTakenWholeOrNotAtAll() {
        InspectionBudget budget = new InspectionBudget(0, 100);

        assertThat(budget.takeBytes(60)).isTrue();
        assertThat(budget.takeBytes(41)).isFalse();
        assertThat(budget.takeBytes(40)).isTrue();
        assertThat(budget.takeBytes(1)).isFalse();
    }

    @Test
    void defaultsShouldBeAThousandMembersAndAHundredMegabytes() {
        InspectionBudget budget = new InspectionBudget();

        assertThat(budget.takeBytes(100L * 1024 * 1024)).isTrue();
        assertThat(budget.takeBytes(1)).isFalse();
        for (int i = 0; i < 1000; i++) {
            assertThat(budget.takeMember()).isTrue();
        }
        assertThat(budget.takeMember()).isFalse();
    }
}
