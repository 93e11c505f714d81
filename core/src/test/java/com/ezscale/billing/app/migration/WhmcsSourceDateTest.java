package com.ezscale.billing.app.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * WHMCS's dates read as text come out as the driver's {@code getDate} gave them, on a connection set
 * as {@link WhmcsSource#open} sets it: DATE and DATETIME columns, midnight and the last second of a
 * day, none, and WHMCS's {@code 0000-00-00} (none, where {@code getDate} gave none too).
 */
class WhmcsSourceDateTest {

    @Test
    void readAsTextADayIsTheDayGetDateGave() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("zeroDateTimeBehavior", "CONVERT_TO_NULL");
        String url = TestDatabases.newDatabaseUrl();
        try (Connection c = DriverManager.getConnection(url, properties);
                Statement s = c.createStatement()) {
            s.execute("SET SESSION sql_mode = ''");
            s.execute("CREATE TABLE d (k INT PRIMARY KEY, day DATE NULL, at DATETIME NULL)");
            s.execute("INSERT INTO d VALUES (1, '2025-03-01', '2025-03-01 00:00:00'),"
                    + " (2, '2024-02-29', '2024-02-29 23:59:59'), (3, '0000-00-00', '0000-00-00 00:00:00'),"
                    + " (4, NULL, NULL), (5, '1999-12-31', '2038-01-19 03:14:08')");
            List<String> read = new ArrayList<>();
            List<String> driver = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT day, at FROM d ORDER BY k")) {
                readBoth(r, read, driver);
            }
            assertThat(read).isEqualTo(driver);
            // a source URL asking for server-side statements: the rows come binary, and go through the driver
            Properties binary = new Properties();
            binary.putAll(properties);
            binary.setProperty("useServerPrepStmts", "true");
            List<String> readBinary = new ArrayList<>();
            List<String> driverBinary = new ArrayList<>();
            try (Connection b = DriverManager.getConnection(url, binary);
                    java.sql.PreparedStatement p = b.prepareStatement("SELECT day, at FROM d WHERE k > ? ORDER BY k")) {
                p.setInt(1, 0);
                try (ResultSet r = p.executeQuery()) {
                    readBoth(r, readBinary, driverBinary);
                }
            }
            assertThat(readBinary).isEqualTo(driverBinary).isEqualTo(read);
            assertThat(read)
                    .containsExactly(
                            "2025-03-01",
                            "2025-03-01",
                            "2024-02-29",
                            "2024-02-29",
                            "null",
                            "null",
                            "null",
                            "null",
                            "1999-12-31",
                            LocalDate.parse("2038-01-19").toString());
        }
    }

    private static void readBoth(ResultSet r, List<String> read, List<String> driver) throws Exception {
        while (r.next()) {
            for (String column : List.of("day", "at")) {
                read.add(String.valueOf(WhmcsSource.date(r, column)));
                java.sql.Date d = r.getDate(column);
                driver.add(String.valueOf(d == null ? null : d.toLocalDate()));
            }
        }
    }
}
