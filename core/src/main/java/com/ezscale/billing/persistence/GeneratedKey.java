package com.ezscale.billing.persistence;

/**
 * The id the database gave a row an insert wrote ({@code useGeneratedKeys}), for rows that are
 * records: MyBatis sets it here ({@code keyProperty="key.value"}) since a record cannot be changed.
 */
public final class GeneratedKey {

    private Long value;

    public long value() {
        if (value == null) {
            throw new IllegalStateException("no key was generated");
        }
        return value;
    }

    public Long getValue() {
        return value;
    }

    public void setValue(Long value) {
        this.value = value;
    }
}
