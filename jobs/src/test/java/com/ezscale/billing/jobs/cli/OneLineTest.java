package com.ezscale.billing.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What `error:` prints: the first line of an exception that says something. */
class OneLineTest {

    @Test
    void mybatisMessagesBeginWithAnEmptyLineWhichIsSkipped() {
        RuntimeException e = new RuntimeException("\n### Error querying database.  Cause: java.sql.SQLException: boom\n"
                + "### The error may exist in ParallelRunMapper.xml");

        assertThat(Main.oneLine(e)).isEqualTo("### Error querying database.  Cause: java.sql.SQLException: boom");
    }

    @Test
    void anExceptionWithoutMessageIsNamedByItsCauseMessageOrItsType() {
        assertThat(Main.oneLine(new IllegalStateException(null, new IllegalArgumentException("no customer 7"))))
                .isEqualTo("no customer 7");
        assertThat(Main.oneLine(new NullPointerException())).isEqualTo("NullPointerException");
    }
}
