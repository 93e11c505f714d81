package com.ezscale.billing.jobs.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** The ranges of customer ids a partitioned generate step runs: (after, last], the last open-ended. */
class CustomerRangePartitionerTest {

    record Row(long maxId, Long onlyCustomer, int gridSize, List<String> ranges) {}

    static List<Row> rows() {
        return List.of(
                new Row(100, null, 2, List.of("customers0 (0, 50]", "customers1 (50, -]")),
                new Row(100, null, 3, List.of("customers0 (0, 34]", "customers1 (34, 68]", "customers2 (68, -]")),
                new Row(
                        10,
                        null,
                        4,
                        List.of("customers0 (0, 3]", "customers1 (3, 6]", "customers2 (6, 9]", "customers3 (9, -]")),
                new Row(2, null, 4, List.of("customers0 (0, 1]", "customers1 (1, -]")),
                new Row(0, null, 3, List.of("customers0 (0, -]")),
                new Row(100, 42L, 3, List.of("customers0 (0, -]")));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void rangesCoverEveryIdOnceAndTheLastHasNoEnd(Row row) {
        Map<String, ExecutionContext> ranges =
                new CustomerRangePartitioner(row.maxId(), row.onlyCustomer()).partition(row.gridSize());
        assertThat(ranges.entrySet().stream()
                        .map(e -> e.getKey() + " (" + e.getValue().getLong(DueCustomerReader.LAST_CUSTOMER) + ", "
                                + (e.getValue().containsKey(CustomerRangePartitioner.LAST_ID)
                                        ? e.getValue().getLong(CustomerRangePartitioner.LAST_ID)
                                        : "-")
                                + "]")
                        .toList())
                .containsExactlyElementsOf(row.ranges());
    }
}
