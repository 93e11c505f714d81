package com.ezscale.billing.audit.db;

import java.time.Instant;
import java.util.List;
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

    /** The newest entries first, filtered by actor and action prefix (empty: any), before the entry {@code before} (keyset). */
    List<AuditEntry> select(
            @Param("actor") String actor,
            @Param("action") String action,
            @Param("before") Long before,
            @Param("limit") int limit);
}
