package com.ezscale.billing.jobs.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A test database read and written directly, as a person checks it with a SQL client: values as text. */
public final class Sql {

    private Sql() {}

    /** Every row, its columns by label. */
    public static List<Map<String, String>> rows(String url, String sql) throws SQLException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** One column (1-based) of every row. */
    public static List<String> column(String url, String sql, int column) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(column));
            }
        }
        return values;
    }

    /** The first column of the first row. */
    public static String scalar(String url, String sql) throws SQLException {
        return column(url, sql, 1).get(0);
    }

    /** A statement without strict mode (as WHMCS's own database runs). */
    public static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute("SET SESSION sql_mode = ''");
            s.execute(sql);
        }
    }
}
