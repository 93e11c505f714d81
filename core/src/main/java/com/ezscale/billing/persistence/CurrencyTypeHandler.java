package com.ezscale.billing.persistence;

import com.ezscale.billing.money.Money;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Currency;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.MappedTypes;

/** ISO 4217 codes in CHAR(3) columns. */
@MappedTypes(Currency.class)
public class CurrencyTypeHandler extends BaseTypeHandler<Currency> {

    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, Currency parameter, JdbcType jdbcType)
            throws SQLException {
        ps.setString(i, parameter.getCurrencyCode());
    }

    @Override
    public Currency getNullableResult(ResultSet rs, String columnName) throws SQLException {
        return toCurrency(rs.getString(columnName));
    }

    @Override
    public Currency getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
        return toCurrency(rs.getString(columnIndex));
    }

    @Override
    public Currency getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
        return toCurrency(cs.getString(columnIndex));
    }

    private static Currency toCurrency(String code) {
        return code == null ? null : Money.currency(code);
    }
}
