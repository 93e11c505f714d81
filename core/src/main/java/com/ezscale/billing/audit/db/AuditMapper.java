package com.ezscale.billing.audit.db;

import java.time.Instant;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** The audit trail of admin and finance actions. */
@Mapper
public interface AuditMapper {

    void insert(
            @Param("at") Instant at,
            @Param("actor") String actor,
            @Param("action") String action,
            @Param("target") String target,
            @Param("detail") String detail);
}
