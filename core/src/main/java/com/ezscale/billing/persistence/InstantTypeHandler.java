package com.ezscale.billing.persistence;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.MappedTypes;

/**
 * Instants in {@code DATETIME(6)} columns as their UTC wall time, bound as {@code LocalDateTime}.
 *
 * <p>MyBatis' own handler binds an {@code Instant} as a {@code java.sql.Timestamp}, which
 * Connector/J's text protocol formats through a new {@code SimpleDateFormat} and {@code Calendar}
 * for every value bound (it does the same for an {@code Instant}): 19 % of the rating writer's CPU
 * in a profile (issue 19). A {@code LocalDateTime} is written with a {@code java.time} formatter
 * and no zone arithmetic. The text is the same as before, microseconds kept (see
 * {@link MariaDbFractionalSeconds}), and it is the UTC wall time on a JVM in any time zone
 * ({@code FractionalSecondsTest}).
 */
@MappedTypes(Instant.class)
public class InstantTypeHandler extends BaseTypeHandler<Instant> {

    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, Instant parameter, JdbcType jdbcType)
            throws SQLException {
        ps.setObject(i, LocalDateTime.ofInstant(parameter, ZoneOffset.UTC));
    }

    @Override
    public Instant getNullableResult(ResultSet rs, String columnName) throws SQLException {
        return toInstant(rs.getObject(columnName, LocalDateTime.class));
    }

    @Override
    public Instant getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
        return toInstant(rs.getObject(columnIndex, LocalDateTime.class));
    }

    @Override
    public Instant getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
        return toInstant(cs.getObject(columnIndex, LocalDateTime.class));
    }

    private static Instant toInstant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
